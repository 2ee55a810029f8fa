import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { logger } from '../logger.js';
import { NotFoundError } from '../web/errors.js';
import type { InboundChannel, InboundStatus } from './inbound-message.model.js';
import { findInboundMessage, insertInboundMessage, listInboundMessages } from './inbound-message.store.js';

/** The largest inbound message kept whole; larger ones are quarantined without their body. */
export const INBOUND_MAX_BYTES = 10 * 1024 * 1024;

/** The Message-ID in a raw message's header block, if any. */
export function headerMessageId(raw: Buffer): string {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end < 0 ? Math.min(raw.length, 64 * 1024) : end).toString('utf8').replace(/\r?\n[ \t]+/g, ' ');
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? '';
}

/** The inbox `_id` of a message: its Message-ID's digest, or (without one) the whole message's. */
export function inboundIdOf(raw: Buffer): string {
  const messageId = headerMessageId(raw);
  const digest = createHash('sha256').update(messageId ? `mid:${messageId.toLowerCase()}` : raw).digest('hex');
  return `${messageId ? 'm' : 'r'}-${digest.slice(0, 40)}`;
}

/** A message stored in the inbox: its id, and whether it was already there (delivered twice). */
export interface StoredInbound {
  id: string;
  duplicate: boolean;
}

/**
 * Store a message in the durable inbox before anything else happens to it. The same message stored twice (an
 * IMAP poll after a crash, a relay retrying) is kept once. Over the size limit, only its facts are kept, in quarantine.
 */
export async function storeInbound(raw: Buffer, channel: InboundChannel, envelopeFrom = ''): Promise<StoredInbound> {
  const id = inboundIdOf(raw);
  const tooLarge = raw.length > INBOUND_MAX_BYTES;
  const inserted = await insertInboundMessage({
    _id: id,
    channel,
    raw: tooLarge ? undefined : raw,
    size: raw.length,
    envelopeFrom,
    messageId: headerMessageId(raw),
    receivedAt: new Date(),
    ...(tooLarge ? { status: 'quarantined', kind: 'unknown', reason: 'inbound.reason.tooLarge' } : {}),
  });
  if (!inserted) return { id, duplicate: true };
  logger.info({ inboundId: id, channel, size: raw.length }, 'Inbound mail stored');
  return { id, duplicate: false };
}

/** One row of an inbox listing (no raw body). */
export type InboxRow = Awaited<ReturnType<typeof listInbox>>[number];

/** Inbound messages, newest first: an event's, or (without eventId) those matched to no event. */
export async function listInbox(filter: { eventId?: string; status?: InboundStatus; limit?: number }) {
  return listInboundMessages({ eventId: filter.eventId ?? null, status: filter.status, limit: filter.limit ?? 200 });
}

/** How much of a message's text its page shows. */
const SHOWN_TEXT_CHARS = 50_000;

/**
 * One inbound message for an organiser to read: what was stored about it, and its text (the plain part, or
 * the HTML part as text) cut at 50,000 characters. NotFoundError for an unknown id.
 */
export async function readInboundMessage(id: string) {
  const message = await findInboundMessage(id);
  if (!message) throw new NotFoundError();
  let text = '';
  let to = '';
  if (message.raw) {
    const parsed = await simpleParser(message.raw).catch(() => undefined);
    // mailparser makes the text from the HTML part when there is no plain one.
    text = (parsed?.text ?? '').trim();
    to = parsed?.to ? [parsed.to].flat().map((a) => a.text).join(', ') : '';
  }
  const cut = text.length > SHOWN_TEXT_CHARS;
  return { ...message, raw: undefined, to, text: cut ? text.slice(0, SHOWN_TEXT_CHARS) : text, cut, kept: Boolean(message.raw) };
}

