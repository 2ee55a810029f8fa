import mongoose from 'mongoose';
import { isDuplicateKeyError } from '../db/index.js';
import type { Handled } from './handle.service.js';
import { InboundMessage, type InboundChannel, type InboundStatus } from './inbound-message.model.js';

// The only file that reads or writes inbound messages.

/** What storing a message records about it. */
export interface NewInboundMessage {
  _id: string;
  channel: InboundChannel;
  raw?: Buffer;
  size: number;
  envelopeFrom: string;
  messageId: string;
  receivedAt: Date;
  status?: InboundStatus;
  kind?: 'unknown';
  reason?: string;
}

/** Lean reads give BSON Binary for Buffer paths; the parser needs a Buffer. */
function toBuffer(content: unknown): Buffer | undefined {
  if (!content) return undefined;
  if (Buffer.isBuffer(content)) return content;
  const bytes = (content as { buffer?: Uint8Array }).buffer;
  return bytes ? Buffer.from(bytes) : undefined;
}

/** Insert a message; false when one with the same `_id` is already stored. */
export async function insertInboundMessage(message: NewInboundMessage): Promise<boolean> {
  try {
    await InboundMessage.create(message);
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** Inbound messages without their raw body, newest first: an event's, or (eventId null) those matched to no event. */
export async function listInboundMessages(filter: { eventId: string | null; status?: InboundStatus; limit: number }) {
  const query: Record<string, unknown> = { eventId: filter.eventId ? new mongoose.Types.ObjectId(filter.eventId) : null };
  if (filter.status) query.status = filter.status;
  return InboundMessage.find(query, { raw: 0 }).sort({ receivedAt: -1 }).limit(filter.limit).lean();
}

/** One stored message with its raw body (absent when it was over the size limit), or null. */
export async function findInboundMessage(id: string) {
  const message = await InboundMessage.findById(id).lean();
  return message ? { ...message, raw: toBuffer(message.raw) } : null;
}

/** A stored message's status, or undefined when there is none with this id. */
export async function findInboundStatus(id: string): Promise<InboundStatus | undefined> {
  const stored = await InboundMessage.findById(id, { status: 1 }).lean();
  return stored?.status ?? undefined;
}

/** A message still waiting to be handled: its raw body (absent when over the size limit) and failed attempts so far. */
export async function findWaitingInboundMessage(id: string): Promise<{ raw?: Buffer; attempts: number } | null> {
  const message = await InboundMessage.findOne({ _id: id, status: 'received' }, { raw: 1, attempts: 1 }).lean();
  return message ? { raw: toBuffer(message.raw), attempts: message.attempts ?? 0 } : null;
}

/** The ids of up to `limit` messages waiting to be handled, oldest first. */
export async function listWaitingInboundIds(limit: number): Promise<string[]> {
  const waiting = await InboundMessage.find({ status: 'received' }, { _id: 1 }).sort({ receivedAt: 1 }).limit(limit).lean();
  return waiting.map(({ _id }) => _id);
}

/** Record what handling a message decided. */
export async function markInboundHandled(id: string, handled: Handled): Promise<void> {
  await InboundMessage.updateOne({ _id: id }, { $set: { ...handled, handledAt: new Date() } });
}

/** Record a failed attempt to handle a message; `giveUp` sets it aside in quarantine. */
export async function recordInboundFailure(id: string, attempts: number, giveUp: boolean): Promise<void> {
  const quarantine = giveUp ? { status: 'quarantined', reason: 'inbound.reason.failed', handledAt: new Date() } : {};
  await InboundMessage.updateOne({ _id: id }, { $set: { attempts, ...quarantine } });
}
