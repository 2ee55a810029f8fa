import diagnosticsChannel from 'node:diagnostics_channel';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { CapturedAttachment } from './captured-mail.model.js';

/** The SMTP envelope of a caught message: who the sending server said it was from and to. */
export interface SmtpEnvelope {
  from: string;
  to: string[];
}

/** The readable parts of a message: what the detail page, HTML view and downloads serve. */
export interface MailParts {
  html?: string;
  text?: string;
  attachments: CapturedAttachment[];
}

/** Thrown when a caught message cannot be parsed or stored; `responseCode` is the SMTP reply to give. */
export class CaptureError extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
    this.name = 'CaptureError';
  }
}

/** MongoDB and FerretDB refuse documents over 16 MiB; the margin leaves room for the other fields. */
export const STORE_LIMIT_BYTES = 15 * 1024 * 1024;

/** The filename calendar parts get when the sender named none (nodemailer's own default). */
export const CALENDAR_FILENAME = 'invite.ics';

const CALENDAR_TYPES = new Set(['text/calendar', 'application/ics']);

/**
 * The diagnostics channel (node:diagnostics_channel) on which every caught message's envelope and parts are
 * published, before they are stored. Nothing in the app listens; the tests subscribe to check every calendar
 * part the catcher receives with a second parser (tests/helpers/ics-spool.ts). Publishing costs nothing
 * without a subscriber.
 */
export const CAUGHT_MAIL_CHANNEL = 'convene:mail:caught';
const caughtMail = diagnosticsChannel.channel(CAUGHT_MAIL_CHANNEL);

/** What CAUGHT_MAIL_CHANNEL carries. */
export interface CaughtMailMessage {
  envelope: SmtpEnvelope;
  parts: MailParts;
}

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((address) => address.text).join(', ');
}

/** Calendar clients need `method=REQUEST` to treat the part as an invitation, so it is kept in the type. */
function contentTypeOf(attachment: Attachment): string {
  const type = attachment.contentType.toLowerCase();
  if (type !== 'text/calendar') return type;
  const header = attachment.headers.get('content-type') as { params?: Record<string, string> } | undefined;
  const method = header?.params?.method;
  return method ? `${type}; method=${method.toUpperCase()}` : type;
}

function filenameOf(attachment: Attachment, index: number): string {
  if (attachment.filename) return attachment.filename;
  return CALENDAR_TYPES.has(attachment.contentType.toLowerCase()) ? CALENDAR_FILENAME : `attachment-${index + 1}`;
}

/** The parts of a parsed message; calendar alternatives (nodemailer `icalEvent`) count as attachments. */
export function toMailParts(parsed: ParsedMail): MailParts {
  return {
    html: parsed.html === false ? undefined : parsed.html,
    text: parsed.text,
    attachments: parsed.attachments.map((attachment, index) => ({
      filename: filenameOf(attachment, index),
      contentType: contentTypeOf(attachment),
      size: attachment.size,
      content: attachment.content,
    })),
  };
}

/** Parse a message with mailparser (cid: images become data: URIs in the HTML). */
export async function parseMessage(raw: Buffer): Promise<ParsedMail> {
  try {
    return await simpleParser(raw);
  } catch (error) {
    throw new CaptureError(`Message could not be parsed: ${(error as Error).message}`, 554);
  }
}

function partsSize(parts: MailParts): number {
  const bodies = Buffer.byteLength(parts.html ?? '') + Buffer.byteLength(parts.text ?? '');
  return parts.attachments.reduce((sum, attachment) => sum + attachment.size, bodies);
}

/** Turn a raw message into the fields of a CapturedMail; parts are left out (and re-parsed on demand) when too large. */
export async function buildCapturedMail(raw: Buffer, envelope: SmtpEnvelope) {
  if (raw.length > STORE_LIMIT_BYTES) {
    throw new CaptureError(`Message too large for the mailbox (limit ${STORE_LIMIT_BYTES / 1024 / 1024} MB)`, 552);
  }
  const parsed = await parseMessage(raw);
  const parts = toMailParts(parsed);
  if (caughtMail.hasSubscribers) caughtMail.publish({ envelope, parts } satisfies CaughtMailMessage);
  const partsStored = raw.length + partsSize(parts) <= STORE_LIMIT_BYTES;
  const to = addressText(parsed.to);
  const cc = addressText(parsed.cc);
  const subject = parsed.subject ?? '';
  return {
    envelope,
    from: addressText(parsed.from),
    to,
    cc,
    subject,
    messageId: parsed.messageId,
    date: parsed.date,
    ...(partsStored ? parts : { attachments: parts.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })) }),
    attachmentCount: parts.attachments.length,
    partsStored,
    searchText: [subject, to, cc, ...envelope.to].join('\n').toLowerCase(),
    size: raw.length,
    raw,
    receivedAt: new Date(),
  };
}
