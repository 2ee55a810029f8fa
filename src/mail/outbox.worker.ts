import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Transporter } from 'nodemailer';
import { logger } from '../logger.js';
import { oneLine } from '../web/control-chars.js';
import { redactedBody } from './redact.js';
import {
  beatOutboxWorker,
  claimSendAttempt,
  findOutboxBody,
  findOutboxMessage,
  findSendClaimTime,
  listDueOutboxMessages,
  listLiveOutboxWorkers,
  listSendingOutboxMessages,
  markOutboxAttemptFailed,
  markOutboxSending,
  markOutboxSent,
  removeOutboxWorkerBeat,
  skipOutboxAttempt,
  updateOutboxBody,
  type OutboxBodyDoc,
  type OutboxMessageDoc,
} from './outbox.store.js';

/** How the outbox worker paces itself; tests shorten the delays. */
export interface OutboxWorkerOptions {
  transport: Transporter;
  from: string;
  concurrency?: number;
  pollMs?: number;
  /** First retry delay; doubles each attempt up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  maxAttempts?: number;
  /** A worker silent for this long is dead: its `sending` messages are taken over. */
  staleAfterMs?: number;
}

/** A running worker. */
export interface OutboxWorker {
  id: string;
  /** Look for work now instead of at the next poll. */
  kick(): void;
  /** Finish the sends in flight, then stop. */
  stop(): Promise<void>;
}

const DEFAULTS = { concurrency: 4, pollMs: 1000, backoffMs: 5000, maxBackoffMs: 15 * 60_000, maxAttempts: 8, staleAfterMs: 30_000 };

/** 5xx replies are permanent (the address or content is refused); anything else may pass later. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** Lean reads give BSON Binary for Buffer paths; nodemailer needs a Buffer. */
function toBuffer(content: unknown): Buffer | undefined {
  if (!content) return undefined;
  if (Buffer.isBuffer(content)) return content;
  const bytes = (content as { buffer?: Uint8Array }).buffer;
  return bytes ? Buffer.from(bytes) : undefined;
}

/** Mail sent on a schedule rather than in answer to someone (RFC 3834): auto-responders must not answer it. */
const SCHEDULED_KINDS = new Set(['reminder', 'day-before']);
const CONTENT_LANGUAGE: Record<string, string> = { zh: 'zh-CN', en: 'en', ko: 'ko', ja: 'ja' };

/** Headers every message carries: its language, and Auto-Submitted on scheduled mail. */
export function headersOf(message: Pick<OutboxMessageDoc, 'kind' | 'locale'>): Record<string, string> {
  return {
    'Content-Language': CONTENT_LANGUAGE[message.locale] ?? message.locale,
    ...(SCHEDULED_KINDS.has(message.kind) ? { 'Auto-Submitted': 'auto-generated' } : {}),
  };
}

/** Start sending the outbox: bounded concurrency, retries with exponential backoff, safe with several processes. */
export function startOutboxWorker(input: OutboxWorkerOptions): OutboxWorker {
  const options = { ...DEFAULTS, ...input };
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let wake: (() => void) | undefined;
  let lastRecovery = 0;

  const beat = () => beatOutboxWorker(id, { pid: process.pid, host: hostname() });

  async function deliver(message: OutboxMessageDoc, attempt: number): Promise<void> {
    await markOutboxSending(message._id, attempt, id);
    let body: OutboxBodyDoc | null;
    try {
      body = await findOutboxBody(message._id);
      if (!body) throw Object.assign(new Error('The message body is missing'), { responseCode: 554 });
      await options.transport.sendMail({
        from: options.from,
        // Answers come back to the address Convene reads (MAIL_FROM), where they are filed on their invitation
        // and shown to the organiser; said explicitly for relays that rewrite From (docs/mail.md).
        replyTo: options.from,
        // Names stored before control characters were refused must not break the header either.
        to: message.to.map((a) => ({ name: oneLine(a.name ?? ''), address: a.email })),
        cc: message.cc.map((a) => ({ name: oneLine(a.name ?? ''), address: a.email })),
        subject: message.subject,
        text: body.text,
        html: body.html,
        messageId: message.messageId,
        headers: headersOf(message),
        icalEvent: body.calendar?.content ? { method: body.calendar.method ?? 'REQUEST', content: body.calendar.content, filename: 'invite.ics' } : undefined,
        attachments: body.attachments.map((a) => ({ filename: a.filename ?? undefined, contentType: a.contentType ?? undefined, content: toBuffer(a.content), cid: a.cid ?? undefined })),
      });
      await markOutboxSent(message._id);
    } catch (error) {
      await recordFailure(message, attempt, error);
      return;
    }
    // Sent: a live link kept at rest would let whoever reads the database answer for the institution.
    // Outside the try above: a failure here must never send the message again.
    await updateOutboxBody(message._id, redactedBody(body)).catch((error: unknown) => logger.warn({ err: error, messageId: String(message._id) }, 'Sent message body could not be redacted'));
  }

  async function recordFailure(message: OutboxMessageDoc, attempt: number, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const permanent = isPermanentFailure(error) || attempt >= options.maxAttempts;
    const delay = Math.min(options.backoffMs * 2 ** (attempt - 1), options.maxBackoffMs) * (0.75 + Math.random() / 2);
    await markOutboxAttemptFailed(message._id, { status: permanent ? 'failed' : 'queued', lastError: reason.slice(0, 500), nextAttemptAt: new Date(Date.now() + delay) });
    logger[permanent ? 'error' : 'warn']({ messageId: message.messageId, attempt }, 'Mail %s: %s', permanent ? 'failed' : 'will be retried', reason);
  }

  /** Messages stuck in `sending` whose worker stopped beating were interrupted mid-send: send them once more. */
  async function findInterrupted(): Promise<Candidate[]> {
    if (Date.now() - lastRecovery < options.staleAfterMs / 2) return [];
    lastRecovery = Date.now();
    const sending = await listSendingOutboxMessages();
    const alive = new Set(await listLiveOutboxWorkers(new Date(Date.now() - options.staleAfterMs)));
    return sending.filter((message) => !message.workerId || !alive.has(message.workerId));
  }

  async function loadAndDeliver(messageId: string, attempt: number): Promise<void> {
    const message = await findOutboxMessage(messageId);
    if (message && message.status !== 'sent' && message.status !== 'failed') await deliver(message, attempt);
  }

  /** A claim whose owner died before marking the message `sending` would block it forever: move past it. */
  async function skipAbandonedClaim(message: Candidate, attempt: number): Promise<void> {
    if (message.status !== 'queued') return;
    const claimedAt = await findSendClaimTime(String(message._id), attempt);
    if (claimedAt && Date.now() - claimedAt.getTime() > options.staleAfterMs) await skipOutboxAttempt(message._id, message.attempts, attempt);
  }

  /** A message found due (whole, or only its state when found stuck in `sending`). */
  type Candidate = Pick<OutboxMessageDoc, '_id' | 'attempts' | 'status'> & Partial<OutboxMessageDoc>;
  let buffer: Candidate[] = [];

  /** Due messages, many at once; whole documents, which saves a read per send. */
  async function scanDue(): Promise<Candidate[]> {
    const due = await listDueOutboxMessages(new Date(), 200);
    return [...(await findInterrupted()), ...due];
  }

  /** Start sends up to the concurrency limit; candidates may be stale, the claim decides. */
  async function fillSlots(): Promise<number> {
    let started = 0;
    while (inFlight.size < options.concurrency && !stopping) {
      if (buffer.length === 0) {
        if (started > 0) break;
        buffer = await scanDue();
        if (buffer.length === 0) break;
      }
      const message = buffer.shift()!;
      const attempt = message.attempts + 1;
      if (!(await claimSendAttempt(String(message._id), attempt, id))) {
        await skipAbandonedClaim(message, attempt);
        continue;
      }
      const task = (message.to ? deliver(message as OutboxMessageDoc, attempt) : loadAndDeliver(String(message._id), attempt)).finally(() =>
        inFlight.delete(task),
      );
      inFlight.add(task);
      started += 1;
    }
    return started;
  }

  async function loop(): Promise<void> {
    await beat();
    const heartbeat = setInterval(() => void beat().catch(() => undefined), Math.max(options.staleAfterMs / 4, 250));
    heartbeat.unref();
    while (!stopping) {
      try {
        const started = await fillSlots();
        if (started > 0 && inFlight.size < options.concurrency) continue;
        if (inFlight.size >= options.concurrency) await Promise.race(inFlight);
        else await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, options.pollMs)));
      } catch (error) {
        logger.error({ err: error }, 'Outbox worker error');
        await new Promise((resolve) => setTimeout(resolve, options.pollMs));
      }
    }
    clearInterval(heartbeat);
    await Promise.allSettled(inFlight);
    await removeOutboxWorkerBeat(id).catch(() => undefined);
  }

  const running = loop();
  return {
    id,
    kick: () => wake?.(),
    async stop() {
      stopping = true;
      wake?.();
      await running;
    },
  };
}
