import type { Transporter } from 'nodemailer';
import { getConfig } from '../config.js';

/** Takes a raw message addressed to the reply address; resolves once it is stored (or rejects). */
export type ReplyReceiver = (raw: Buffer, envelopeFrom: string) => Promise<void>;

let receiver: ReplyReceiver | undefined;

/** Where the embedded catcher hands mail addressed to the reply address (the inbound component registers itself). */
export function receiveRepliesWith(handler: ReplyReceiver | undefined): void {
  receiver = handler;
}

/** The registered receiver of replies, if any. */
export function replyReceiver(): ReplyReceiver | undefined {
  return receiver;
}

/** The address replies come back to: the ORGANIZER of our calendar requests, MAIL_FROM's address, lower-cased. */
export function replyAddress(): string {
  const from = getConfig().mail.from;
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
}

let embeddedTransport: Transporter | undefined;

/** Remember the transport to the embedded catcher, through which /mailbox answers as an invitee's calendar client. */
export function useEmbeddedTransport(transport: Transporter | undefined): void {
  embeddedTransport = transport;
}

/** The transport to the embedded catcher, when mail is caught in-process. */
export function embeddedTransportOf(): Transporter | undefined {
  return embeddedTransport;
}
