import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { countOutboxByStatus, insertOutboxBodies, insertOutboxMessages, listOutboxMessages, requeueFailedMessages, setOutboxBounce, type OutboxStatus } from './outbox.store.js';

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
  await insertOutboxBodies(messages.map(({ text, html, calendar, attachments }, i) => ({ _id: ids[i]!, text, html, calendar, attachments: attachments ?? [] })));
  await insertOutboxMessages(
    messages.map(({ text: _text, html: _html, calendar: _calendar, attachments: _attachments, notBefore, ...message }, i) => ({
      ...message,
      _id: ids[i]!,
      messageId: `<${randomUUID()}@${domain}>`,
      status: 'queued' as const,
      nextAttemptAt: notBefore ?? new Date(),
    })),
  );
  return ids.map(String);
}

/** Counts by status of a batch (for the progress bar) or of an event. */
export async function countOutbox(filter: { batchId?: string; eventId?: string }): Promise<Record<OutboxStatus, number> & { total: number }> {
  const rows = await countOutboxByStatus(filter);
  const counts = { queued: 0, sending: 0, sent: 0, failed: 0, total: 0 };
  for (const row of rows) {
    counts[row._id] = row.n;
    counts.total += row.n;
  }
  return counts;
}

/** An event's messages, newest first, without bodies. */
export async function listOutbox(filter: { eventId?: string; status?: OutboxStatus; limit?: number }) {
  return listOutboxMessages({ eventId: filter.eventId, status: filter.status, limit: filter.limit ?? 500 });
}

/** Queue failed messages again (all of an event's, or the given ones); returns how many. */
export async function retryFailed(filter: { eventId?: string; ids?: string[] }): Promise<number> {
  return requeueFailedMessages(filter);
}

/** Record that a sent message bounced (the outbox keeps its status; the bounce says what came back). */
export async function markOutboxBounced(id: unknown, bounce: { reason: string; address: string; at: Date }): Promise<void> {
  await setOutboxBounce(id, bounce);
}
