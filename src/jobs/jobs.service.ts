import { cancelScheduledJob, findJob, listJobsWithKeyPrefix, upsertScheduledJob } from './job.store.js';

/** Schedule (or move) the job with this key; a job already done is scheduled anew only if `runAt` changed. */
export async function scheduleJob(key: string, kind: string, runAt: Date, payload: Record<string, unknown> = {}): Promise<void> {
  const existing = await findJob(key);
  if (existing && existing.status !== 'cancelled' && existing.runAt.getTime() === runAt.getTime() && existing.status !== 'scheduled') return;
  await upsertScheduledJob(key, kind, runAt, payload);
}

/** Cancel a scheduled job (e.g. the event was cancelled); unknown keys are ignored. */
export async function cancelJob(key: string): Promise<void> {
  await cancelScheduledJob(key);
}

/** A job's state, for pages and tests. */
export async function getJob(key: string) {
  return findJob(key);
}

/** Jobs whose key starts with a prefix (an event's reminders), soonest first. */
export async function listJobs(keyPrefix: string) {
  return listJobsWithKeyPrefix(keyPrefix);
}
