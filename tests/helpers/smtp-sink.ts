import type { AddressInfo, Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { spoolCalendarParts } from './ics-spool.js';

/** Faults to inject: one `random()` draw per message decides drop, reject or accept. */
export interface SmtpSinkOptions {
  /** Fraction (0–1) of messages refused with `rejectCode` after DATA. */
  rejectRate?: number;
  /** 451 (temporary: the sender should retry) or 550 (permanent). Default 451. */
  rejectCode?: 451 | 550;
  /** Fraction (0–1) of messages whose connection is cut after DATA, before any reply. */
  dropRate?: number;
  /** Source of the draw; pass a scripted one (e.g. 0 = fault, 1 = accept) for a deterministic sequence. */
  random?: () => number;
}

/** A real SMTP server on loopback that keeps what it accepts, for tests. */
export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:PORT`, ready for SMTP_URL. */
  url: string;
  /** Accepted messages, parsed, in arrival order. */
  messages: ParsedMail[];
  /** The SMTP envelope of each accepted message (same order as `messages`). */
  envelopes: { from: string; to: string[] }[];
  /** How many transactions were refused or cut so far. */
  faults: { rejected: number; dropped: number };
  /** Resolve once at least `count` messages were accepted; reject after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

/** Start an SMTP sink on 127.0.0.1 (any free port), optionally refusing or dropping some messages. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const random = options.random ?? Math.random;
  const messages: ParsedMail[] = [];
  const envelopes: SmtpSink['envelopes'] = [];
  const faults = { rejected: 0, dropped: 0 };
  const waiters = new Set<() => void>();
  // smtp-server does not expose sockets; the session's remote port finds the one to cut.
  const sockets = new Map<number, Socket>();

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<'ok' | 'drop' | Error> {
    const raw = await readAll(stream);
    const roll = random();
    const dropRate = options.dropRate ?? 0;
    if (roll < dropRate) return 'drop';
    if (roll < dropRate + (options.rejectRate ?? 0)) {
      const code = options.rejectCode ?? 451;
      return Object.assign(new Error(code === 451 ? 'Try again later (test fault)' : 'Rejected (test fault)'), { responseCode: code });
    }
    const parsed = await simpleParser(raw);
    // Under `npm test`, every calendar part received goes to the second parser too (tests/helpers/ics-spool.ts).
    spoolCalendarParts(parsed.attachments, 'SMTP sink');
    messages.push(parsed);
    envelopes.push({
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
    });
    for (const wake of waiters) wake();
    return 'ok';
  }

  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      receive(stream, session).then(
        (outcome) => {
          if (outcome === 'ok') return callback();
          if (outcome instanceof Error) {
            faults.rejected += 1;
            return callback(outcome);
          }
          faults.dropped += 1;
          sockets.get(session.remotePort)?.destroy();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on('error', () => undefined);
  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort;
    if (port === undefined) return;
    sockets.set(port, socket);
    socket.once('close', () => sockets.delete(port));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  function waitFor(count: number, timeoutMs = 15_000): Promise<ParsedMail[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (messages.length < count) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(messages.slice());
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`SMTP sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  async function stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets.values()) socket.destroy();
    await closed;
  }

  return { port, url: `smtp://127.0.0.1:${port}`, messages, envelopes, faults, waitFor, stop };
}
