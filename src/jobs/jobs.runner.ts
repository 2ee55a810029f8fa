import { randomUUID } from 'node:crypto';
import { claimOnce } from '../db/index.js';
import { logger } from '../logger.js';
import { listDueJobs, markJobDone, markJobFailed, markJobRunning, type DueJob } from './job.store.js';

/** Does the work of one kind of job. */
export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

const handlers = new Map<string, JobHandler>();

/** Register what to do for a kind of job (components do this in their index.ts). */
export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

/** A running scheduler. */
export interface JobRunner {
  /** Run the jobs due now (also what each tick does). */
  runDue(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Run due jobs every `intervalMs`. Each (job, runAt) is claimed by inserting a unique `_id`, so with
 * several app processes a job runs once; a process that dies mid-job leaves it `running` rather than
 * repeating it (a missed reminder is better than a double one) — the page shows it.
 */
export function startJobRunner(options: { intervalMs?: number } = {}): JobRunner {
  const workerId = randomUUID().slice(0, 8);
  let current: Promise<number> = Promise.resolve(0);

  async function runOne(job: DueJob): Promise<boolean> {
    if (!(await claimOnce(`job:${job._id}:${job.runAt.toISOString()}`, workerId))) return false;
    await markJobRunning(job._id, workerId);
    try {
      const handler = handlers.get(job.kind);
      if (!handler) throw new Error(`No handler for job kind "${job.kind}"`);
      await handler(job.payload);
      await markJobDone(job._id, job.runAt);
    } catch (error) {
      logger.error({ err: error, job: job._id }, 'Scheduled job failed');
      await markJobFailed(job._id, (error as Error).message);
    }
    return true;
  }

  async function runDue(): Promise<number> {
    const due = await listDueJobs(new Date());
    let ran = 0;
    for (const job of due) if (await runOne(job)) ran += 1;
    return ran;
  }

  const timer = setInterval(() => {
    current = current.then(runDue).catch((error: unknown) => {
      logger.error({ err: error }, 'Job runner error');
      return 0;
    });
  }, options.intervalMs ?? 30_000);
  timer.unref();
  return {
    runDue: () => (current = current.then(runDue)),
    async stop() {
      clearInterval(timer);
      await current.catch(() => undefined);
    },
  };
}
