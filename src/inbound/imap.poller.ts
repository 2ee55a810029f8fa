import { ImapFlow } from 'imapflow';
import { logger } from '../logger.js';
import { findInboundStatus } from './inbound-message.store.js';

/** The IMAP keyword Convene sets on a message once what it caused is stored. */
export const PROCESSED_KEYWORD = '$ConveneProcessed';

/** Stores a raw message and handles it; resolves with its inbox id. */
export type ReceiveRaw = (raw: Buffer, envelopeFrom: string) => Promise<string>;

/** Polls the reply mailbox. */
export interface ImapPoller {
  /** Poll now; resolves with how many messages were marked processed. */
  poll(): Promise<number>;
  stop(): Promise<void>;
}

/** The connection settings and mailbox of an `imap://` or `imaps://` URL. */
export function parseImapUrl(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  return {
    host: parsed.hostname,
    port: Number(parsed.port || (secure ? 993 : 143)),
    secure,
    auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
    mailbox: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

/**
 * Poll a mailbox (and wake up when the server announces new mail while idling): each message without the
 * processed keyword is stored in the inbox and handled, and gets the keyword only once its inbox entry is
 * handled. A crash before that leaves the keyword unset, so the message is read again (and kept once).
 */
export async function startImapPoller(options: { url: string; receive: ReceiveRaw; pollMs?: number }): Promise<ImapPoller> {
  const { mailbox, ...connection } = parseImapUrl(options.url);
  const client = new ImapFlow({ ...connection, logger: false, maxIdleTime: 60_000 });
  client.on('error', (error: Error) => logger.warn({ err: error }, 'IMAP connection error'));
  await client.connect();
  await client.mailboxOpen(mailbox);
  let stopped = false;
  let running: Promise<number> | undefined;

  async function pollOnce(): Promise<number> {
    const lock = await client.getMailboxLock(mailbox);
    try {
      const uids = (await client.search({ unKeyword: PROCESSED_KEYWORD }, { uid: true })) || [];
      let marked = 0;
      for (const uid of uids) {
        const message = await client.fetchOne(String(uid), { source: true, envelope: true }, { uid: true });
        if (!message || !message.source) continue;
        const id = await options.receive(message.source, message.envelope?.sender?.[0]?.address ?? '');
        // Still waiting means another process is handling it: leave the keyword for a later poll.
        if ((await findInboundStatus(id)) === 'received') continue;
        await client.messageFlagsAdd(String(uid), [PROCESSED_KEYWORD], { uid: true });
        marked += 1;
      }
      return marked;
    } finally {
      lock.release();
    }
  }

  const poll = (): Promise<number> => {
    running ??= pollOnce()
      .catch((error: unknown) => {
        logger.error({ err: error }, 'IMAP poll failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  client.on('exists', () => {
    if (!stopped) void poll();
  });
  const timer = setInterval(() => void poll(), options.pollMs ?? 30_000);
  timer.unref();
  void poll();
  return {
    poll,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await client.logout().catch(() => client.close());
    },
  };
}
