import mongoose from 'mongoose';
import { isDuplicateKeyError } from '../db/index.js';
import { OutboxBody, OutboxLease, OutboxMessage, OutboxWorkerBeat, type OutboxBodyDoc, type OutboxMessageDoc, type OutboxStatus } from './outbox.model.js';

// The only file that reads or writes outbox messages, their bodies, send leases and worker heartbeats.

export type { OutboxBodyDoc, OutboxMessageDoc, OutboxStatus };

/** A message body as queued, under the `_id` of its message. */
export type NewOutboxBody = Pick<OutboxBodyDoc, '_id' | 'text' | 'html'> & { calendar?: { method: string; content: string }; attachments: { filename: string; contentType: string; content: Buffer; cid?: string }[] };

/** A message as queued (its body is inserted first, under the same `_id`). */
export type NewOutboxMessage = Pick<OutboxMessageDoc, '_id' | 'kind' | 'template' | 'locale' | 'subject' | 'messageId' | 'nextAttemptAt'> & {
  to: { name?: string; email: string }[];
  cc?: { name?: string; email: string }[];
  status: 'queued';
  eventId?: string;
  invitationId?: string;
  batchId?: string;
};

/** Insert message bodies. */
export async function insertOutboxBodies(bodies: NewOutboxBody[]): Promise<void> {
  await OutboxBody.insertMany(bodies);
}

/** Insert queued messages. */
export async function insertOutboxMessages(messages: NewOutboxMessage[]): Promise<void> {
  await OutboxMessage.insertMany(messages);
}

/** How many messages of a batch or of an event (as ObjectId strings) are in each status. */
export async function countOutboxByStatus(filter: { batchId?: string; eventId?: string }): Promise<{ _id: OutboxStatus; n: number }[]> {
  const match: Record<string, unknown> = {};
  if (filter.batchId) match.batchId = filter.batchId;
  if (filter.eventId) match.eventId = new mongoose.Types.ObjectId(filter.eventId);
  return OutboxMessage.aggregate<{ _id: OutboxStatus; n: number }>([{ $match: match }, { $group: { _id: '$status', n: { $sum: 1 } } }]);
}

/** Messages (an event's, in a status), newest first, without bodies. */
export async function listOutboxMessages(filter: { eventId?: string; status?: OutboxStatus; limit: number }) {
  const query: Record<string, unknown> = {};
  if (filter.eventId) query.eventId = filter.eventId;
  if (filter.status) query.status = filter.status;
  return OutboxMessage.find(query).sort({ createdAt: -1 }).limit(filter.limit).lean();
}

/** Queue failed messages again (an event's, or the given ones, or all); returns how many. */
export async function requeueFailedMessages(filter: { eventId?: string; ids?: string[] }): Promise<number> {
  const query: Record<string, unknown> = { status: 'failed' };
  if (filter.eventId) query.eventId = filter.eventId;
  if (filter.ids) query._id = { $in: filter.ids };
  const { modifiedCount } = await OutboxMessage.updateMany(query, { $set: { status: 'queued', nextAttemptAt: new Date(), lastError: '' } });
  return modifiedCount;
}

/** Record the bounce that came back for a sent message. */
export async function setOutboxBounce(id: unknown, bounce: { reason: string; address: string; at: Date }): Promise<void> {
  await OutboxMessage.updateOne({ _id: id }, { $set: { bounce } });
}

/** The sent message one of these Message-IDs names: its addressing and what it was for. */
export async function findOutboxMessageByMessageIds(messageIds: string[]) {
  if (messageIds.length === 0) return null;
  return OutboxMessage.findOne({ messageId: { $in: messageIds } }, { messageId: 1, eventId: 1, invitationId: 1, to: 1 }).lean();
}

/** What a batch's first message says the batch is: its event and kind; null for an unknown batch. */
export async function findBatchOrigin(batchId: string) {
  return OutboxMessage.findOne({ batchId }).select('eventId kind').lean();
}

/** A batch's messages that failed for good: recipients and reason. */
export async function listBatchFailures(batchId: string) {
  return OutboxMessage.find({ batchId, status: 'failed' }).select('to lastError').lean();
}

/** A message by id, whole, or null. */
export async function findOutboxMessage(id: string): Promise<OutboxMessageDoc | null> {
  return OutboxMessage.findById(id).lean<OutboxMessageDoc>();
}

/** A message's body, or null. */
export async function findOutboxBody(id: unknown): Promise<OutboxBodyDoc | null> {
  return OutboxBody.findById(id).lean<OutboxBodyDoc>();
}

/** Up to `limit` queued messages due by `now`, whole, the longest waiting first. */
export async function listDueOutboxMessages(now: Date, limit: number): Promise<OutboxMessageDoc[]> {
  return OutboxMessage.find({ status: 'queued', nextAttemptAt: { $lte: now } })
    .sort({ nextAttemptAt: 1, _id: 1 })
    .limit(limit)
    .lean<OutboxMessageDoc[]>();
}

/** Messages in `sending`: only their state. */
export async function listSendingOutboxMessages(): Promise<Pick<OutboxMessageDoc, '_id' | 'attempts' | 'status' | 'workerId'>[]> {
  return OutboxMessage.find({ status: 'sending' }).select('_id attempts status workerId').lean<OutboxMessageDoc[]>();
}

/** Record that a worker started attempt `attempt` of a message. */
export async function markOutboxSending(id: unknown, attempt: number, workerId: string): Promise<void> {
  await OutboxMessage.updateOne({ _id: id }, { $set: { status: 'sending', attempts: attempt, lastAttemptAt: new Date(), workerId } });
}

/** Record that a message was sent. */
export async function markOutboxSent(id: unknown): Promise<void> {
  await OutboxMessage.updateOne({ _id: id }, { $set: { status: 'sent', sentAt: new Date(), lastError: '' } });
}

/** Record a failed attempt: failed for good, or queued again for `nextAttemptAt`. */
export async function markOutboxAttemptFailed(id: unknown, outcome: { status: 'failed' | 'queued'; lastError: string; nextAttemptAt: Date }): Promise<void> {
  await OutboxMessage.updateOne({ _id: id }, { $set: outcome });
}

/** Move a still-queued message past attempt `attempt` whose claim was abandoned (unless it moved meanwhile). */
export async function skipOutboxAttempt(id: unknown, attempts: number, attempt: number): Promise<void> {
  await OutboxMessage.updateOne({ _id: id, status: 'queued', attempts }, { $set: { attempts: attempt } });
}

/** Set fields (dotted paths allowed) of a message's body: its redaction once sent. */
export async function updateOutboxBody(id: unknown, fields: Record<string, string | Date>): Promise<void> {
  await OutboxBody.updateOne({ _id: id }, { $set: fields });
}

/** Claim attempt `attempt` of a message: true for exactly one caller. */
export async function claimSendAttempt(id: string, attempt: number, workerId: string): Promise<boolean> {
  try {
    await OutboxLease.create({ _id: `${id}:${attempt}`, workerId });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** When attempt `attempt` of a message was claimed, or undefined if it was not. */
export async function findSendClaimTime(id: string, attempt: number): Promise<Date | undefined> {
  const lease = await OutboxLease.findById(`${id}:${attempt}`).lean();
  return lease?.at ?? undefined;
}

/** Record that worker `id` is alive. */
export async function beatOutboxWorker(id: string, beat: { pid: number; host: string }): Promise<void> {
  await OutboxWorkerBeat.updateOne({ _id: id }, { $set: { beatAt: new Date(), ...beat } }, { upsert: true });
}

/** The ids of workers that beat after `since`. */
export async function listLiveOutboxWorkers(since: Date): Promise<string[]> {
  return (await OutboxWorkerBeat.find({ beatAt: { $gt: since } }).lean()).map((w) => String(w._id));
}

/** Forget a stopped worker's heartbeat. */
export async function removeOutboxWorkerBeat(id: string): Promise<void> {
  await OutboxWorkerBeat.deleteOne({ _id: id });
}
