import { hostname } from 'node:os';
import { claimOnce, reclaimStale } from '../db/index.js';
import { logger } from '../logger.js';
import { handleInbound } from './handle.service.js';
import { findWaitingInboundMessage, listWaitingInboundIds, markInboundHandled, recordInboundFailure } from './inbound-message.store.js';

/** A message whose handling failed this often is set aside rather than retried for ever. */
const MAX_ATTEMPTS = 5;

/** How the inbox worker runs; tests shorten the times. */
export interface InboxWorkerOptions {
  /** How often to look for stored messages not yet handled (besides being kicked on arrival). */
  pollMs?: number;
  /** A claim older than this whose message is still unhandled belonged to a process that stopped: take it over. */
  staleMs?: number;
  workerId?: string;
}

/** Handles stored inbound messages, each once across processes. */
export interface InboxWorker {
  /** Look now (a message was just stored). */
  kick(): void;
  /** Handle everything waiting, then resolve. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

async function claim(id: string, workerId: string, staleMs: number): Promise<boolean> {
  const key = `inbound:${id}`;
  return (await claimOnce(key, workerId)) || reclaimStale(key, workerId, staleMs);
}

/** Handle one stored message if this process wins its claim; the result is written only after what it caused. */
export async function processInboundMessage(id: string, workerId: string, staleMs: number): Promise<boolean> {
  if (!(await claim(id, workerId, staleMs))) return false;
  // Read again after claiming: another process may have finished it before its claim went stale.
  const message = await findWaitingInboundMessage(id);
  if (!message?.raw) return false;
  try {
    const handled = await handleInbound(id, message.raw);
    await markInboundHandled(id, handled);
    logger.info({ inboundId: id, kind: handled.kind, status: handled.status }, 'Inbound mail handled: %s', handled.outcome || handled.reason);
  } catch (error) {
    const attempts = message.attempts + 1;
    logger.error({ err: error, inboundId: id, attempts }, 'Inbound mail could not be handled');
    await recordInboundFailure(id, attempts, attempts >= MAX_ATTEMPTS);
  }
  return true;
}

/** Handle every message waiting now, oldest first; returns how many this process handled. */
export async function processInbox(workerId: string, staleMs: number): Promise<number> {
  const waiting = await listWaitingInboundIds(200);
  let handled = 0;
  for (const id of waiting) if (await processInboundMessage(id, workerId, staleMs)) handled += 1;
  return handled;
}

/** Start handling the inbox: on every kick and every `pollMs`. */
export function startInboxWorker(options: InboxWorkerOptions = {}): InboxWorker {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}`;
  const staleMs = options.staleMs ?? 60_000;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;
  const run = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = processInbox(workerId, staleMs)
      .catch((error: unknown) => {
        logger.error({ err: error }, 'Inbox worker pass failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          void run();
        }
      });
    return running;
  };
  const timer = setInterval(() => void run(), options.pollMs ?? 5000);
  timer.unref();
  return {
    kick: () => void run(),
    async drain() {
      await running;
      let total = 0;
      for (let n = -1; n !== 0; total += n) n = await processInbox(workerId, staleMs);
      return total;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
