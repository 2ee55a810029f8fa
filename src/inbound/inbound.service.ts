import type { Config } from '../config.js';
import { logger } from '../logger.js';
import { receiveRepliesWith } from '../mail/index.js';
import { startImapPoller, type ImapPoller } from './imap.poller.js';
import { startInboundSmtp, type InboundSmtp } from './inbound-smtp.js';
import type { InboundChannel } from './inbound-message.model.js';
import { storeInbound } from './inbox.service.js';
import { processInboundMessage, startInboxWorker, type InboxWorker, type InboxWorkerOptions } from './inbox.worker.js';

/** Inbound mail as this process runs it: the worker and whichever channels are configured. */
export interface Inbound {
  /** `imap`, `smtp` (both may be set) or `embedded` (the /mailbox catcher takes mail to the reply address). */
  channels: InboundChannel[];
  worker: InboxWorker;
  smtp?: InboundSmtp;
  imap?: ImapPoller;
  stop(): Promise<void>;
}

/** Start inbound mail: IMAP_URL, INBOUND_SMTP_PORT, or (neither set) the embedded catcher's reply address. */
export async function startInbound(config: Config, options: InboxWorkerOptions & { imapPollMs?: number } = {}): Promise<Inbound> {
  const worker = startInboxWorker(options);
  const workerId = options.workerId ?? `${process.pid}`;
  const staleMs = options.staleMs ?? 60_000;
  const store = (channel: InboundChannel) => async (raw: Buffer, envelopeFrom: string) => {
    await storeInbound(raw, channel, envelopeFrom);
    worker.kick();
  };
  const { imapUrl, smtpPort, smtpHost } = config.inbound;
  const smtp = smtpPort === undefined ? undefined : await startInboundSmtp({ host: smtpHost, port: smtpPort, store: store('smtp') });
  const imap = imapUrl
    ? await startImapPoller({
        url: imapUrl,
        pollMs: options.imapPollMs,
        // Handled at once, so the message is marked processed in the mailbox only after what it caused is stored.
        receive: async (raw, envelopeFrom) => {
          const { id } = await storeInbound(raw, 'imap', envelopeFrom);
          await processInboundMessage(id, workerId, staleMs);
          return id;
        },
      })
    : undefined;
  const channels: InboundChannel[] = [...(imap ? ['imap' as const] : []), ...(smtp ? ['smtp' as const] : [])];
  if (channels.length === 0) {
    receiveRepliesWith(store('embedded'));
    channels.push('embedded');
  }
  logger.info({ channels }, 'Inbound mail: %s', channels.join(', '));
  return {
    channels,
    worker,
    smtp,
    imap,
    async stop() {
      receiveRepliesWith(undefined);
      await imap?.stop();
      await smtp?.stop();
      await worker.stop();
    },
  };
}
