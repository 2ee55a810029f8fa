import { ScheduledJob } from './job.model.js';

/** Schedule (or move) the job with this key; a job already done is scheduled anew only if `runAt` changed. */
export async function scheduleJob(key: string, kind: string, runAt: Date, payload: Record<string, unknown> = {}): Promise<void> {
  const existing = await ScheduledJob.findById(key).lean();
  if (existing && existing.status !== 'cancelled' && existing.runAt.getTime() === runAt.getTime() && existing.status !== 'scheduled') return;
  await ScheduledJob.updateOne(
    { _id: key },
    { $set: { kind, runAt, payload, status: 'scheduled', lastError: '' }, $unset: { doneAt: 1, startedAt: 1 } },
    { upsert: true },
  );
}

/** Cancel a scheduled job (e.g. the event was cancelled); unknown keys are ignored. */
export async function cancelJob(key: string): Promise<void> {
  await ScheduledJob.updateOne({ _id: key, status: 'scheduled' }, { $set: { status: 'cancelled' } });
}

/** A job's state, for pages and tests. */
export async function getJob(key: string) {
  return ScheduledJob.findById(key).lean();
}

/** Jobs whose key starts with a prefix (an event's reminders), soonest first. */
export async function listJobs(keyPrefix: string) {
  const jobs = await ScheduledJob.find({}).sort({ runAt: 1 }).lean();
  return jobs.filter((job) => String(job._id).startsWith(keyPrefix));
}
