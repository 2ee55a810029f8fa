import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { OutboxBody, OutboxMessage, type OutboxStatus } from './outbox.model.js';

/** A message ready to queue: rendered text and HTML, optional calendar part. */
export interface OutgoingMessage {
  kind: string;
  template: string;
  locale: string;
  to: { name?: string; email: string }[];
  cc?: { name?: string; email: string }[];
  subject: string;
  text: string;
  html: string;
  calendar?: { method: string; content: string };
  attachments?: { filename: string; contentType: string; content: Buffer; cid?: string }[];
  eventId?: string;
  invitationId?: string;
  batchId?: string;
  /** Hold the message until then (default: send now). */
  notBefore?: Date;
}

/** The domain of the sender address, for Message-IDs. */
function messageIdDomain(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'convene.local';
}

/** Record messages in the outbox (status queued); the worker sends them. Returns their ids. */
export async function enqueueMessages(messages: OutgoingMessage[], from: string): Promise<string[]> {
  if (messages.length === 0) return [];
  const domain = messageIdDomain(from);
  const ids = messages.map(() => new mongoose.Types.ObjectId());
  // Bodies first: a message becomes visible to the worker only once its body exists.
  await OutboxBody.insertMany(messages.map(({ text, html, calendar, attachments }, i) => ({ _id: ids[i], text, html, calendar, attachments: attachments ?? [] })));
  await OutboxMessage.insertMany(
    messages.map(({ text: _text, html: _html, calendar: _calendar, attachments: _attachments, notBefore, ...message }, i) => ({
      ...message,
      _id: ids[i],
      messageId: `<${randomUUID()}@${domain}>`,
      status: 'queued',
      nextAttemptAt: notBefore ?? new Date(),
    })),
  );
  return ids.map(String);
}

/** Counts by status of a batch (for the progress bar) or of an event. */
export async function countOutbox(filter: { batchId?: string; eventId?: string }): Promise<Record<OutboxStatus, number> & { total: number }> {
  const match: Record<string, unknown> = {};
  if (filter.batchId) match.batchId = filter.batchId;
  if (filter.eventId) match.eventId = new mongoose.Types.ObjectId(filter.eventId);
  const rows = await OutboxMessage.aggregate<{ _id: OutboxStatus; n: number }>([{ $match: match }, { $group: { _id: '$status', n: { $sum: 1 } } }]);
  const counts = { queued: 0, sending: 0, sent: 0, failed: 0, total: 0 };
  for (const row of rows) {
    counts[row._id] = row.n;
    counts.total += row.n;
  }
  return counts;
}

/** An event's messages, newest first, without bodies. */
export async function listOutbox(filter: { eventId?: string; status?: OutboxStatus; limit?: number }) {
  const query: Record<string, unknown> = {};
  if (filter.eventId) query.eventId = filter.eventId;
  if (filter.status) query.status = filter.status;
  return OutboxMessage.find(query)
    .sort({ createdAt: -1 })
    .limit(filter.limit ?? 500)
    .lean();
}

/** Queue failed messages again (all of an event's, or the given ones); returns how many. */
export async function retryFailed(filter: { eventId?: string; ids?: string[] }): Promise<number> {
  const query: Record<string, unknown> = { status: 'failed' };
  if (filter.eventId) query.eventId = filter.eventId;
  if (filter.ids) query._id = { $in: filter.ids };
  const failed = await OutboxMessage.find(query).select('_id').lean();
  // Each by _id: filtered multi-document updates are not atomic on FerretDB.
  for (const { _id } of failed) {
    await OutboxMessage.updateOne({ _id }, { $set: { status: 'queued', nextAttemptAt: new Date(), lastError: '' } });
  }
  return failed.length;
}

/** Record that a sent message bounced (the outbox keeps its status; the bounce says what came back). */
export async function markOutboxBounced(id: unknown, bounce: { reason: string; address: string; at: Date }): Promise<void> {
  await OutboxMessage.updateOne({ _id: id }, { $set: { bounce } });
}
