import { ScheduledJob } from './job.model.js';

// The only file that reads or writes scheduled jobs.

/** A job as the runner needs it to run it. */
export interface DueJob {
  _id: string;
  kind: string;
  runAt: Date;
  payload: Record<string, unknown>;
}

/** A job by its key, or null. */
export async function findJob(key: string) {
  return ScheduledJob.findById(key).lean();
}

/** Schedule the job with this key at `runAt` (created if new, moved and reset if not). */
export async function upsertScheduledJob(key: string, kind: string, runAt: Date, payload: Record<string, unknown>): Promise<void> {
  await ScheduledJob.updateOne(
    { _id: key },
    { $set: { kind, runAt, payload, status: 'scheduled', lastError: '' }, $unset: { doneAt: 1, startedAt: 1 } },
    { upsert: true },
  );
}

/** Cancel the job with this key if it is still scheduled. */
export async function cancelScheduledJob(key: string): Promise<void> {
  await ScheduledJob.updateOne({ _id: key, status: 'scheduled' }, { $set: { status: 'cancelled' } });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Jobs whose key starts with `keyPrefix`, soonest first. */
export async function listJobsWithKeyPrefix(keyPrefix: string) {
  return ScheduledJob.find({ _id: { $regex: `^${escapeRegExp(keyPrefix)}` } }).sort({ runAt: 1 }).lean();
}

/** Scheduled jobs whose time has come. */
export async function listDueJobs(now: Date): Promise<DueJob[]> {
  const due = await ScheduledJob.find({ status: 'scheduled', runAt: { $lte: now } }).lean();
  return due.map((job) => ({ _id: job._id, kind: job.kind, runAt: job.runAt, payload: (job.payload ?? {}) as Record<string, unknown> }));
}

/** Record that this worker started the job. */
export async function markJobRunning(key: string, workerId: string): Promise<void> {
  await ScheduledJob.updateOne({ _id: key }, { $set: { status: 'running', startedAt: new Date(), workerId } });
}

/** Record that the job's run for `runAt` is done (not if it was moved meanwhile). */
export async function markJobDone(key: string, runAt: Date): Promise<void> {
  await ScheduledJob.updateOne({ _id: key, runAt }, { $set: { status: 'done', doneAt: new Date() } });
}

/** Record that the job failed, and why. */
export async function markJobFailed(key: string, lastError: string): Promise<void> {
  await ScheduledJob.updateOne({ _id: key }, { $set: { status: 'failed', lastError } });
}
