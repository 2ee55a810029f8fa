import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { Config } from '../config.js';
import { logger } from '../logger.js';
import { startMailCatcher, type MailCatcher } from './mail-catcher.js';
import { sweepCapturedMail } from './mailbox.service.js';
import { useEmbeddedTransport } from './replies.js';

/** Outgoing mail: a pooled SMTP transport, to SMTP_URL or to our own embedded catcher. */
export interface MailService {
  /** 'smtp' when SMTP_URL is set, 'embedded' when we run our own catcher. */
  mode: 'smtp' | 'embedded';
  transport: Transporter;
  send(message: SendMailOptions): Promise<{ messageId: string }>;
  healthy(): Promise<boolean>;
  stop(): Promise<void>;
  embeddedPort?: number;
}

/** Bounded so a burst of invitations cannot open more connections than a relay allows; SMTP_URL query parameters override. */
const POOL_OPTIONS = {
  maxConnections: 5,
  maxMessages: 100,
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 60_000,
} as const;

const VERIFY_TTL_MS = 30_000;

function createPooledTransport(options: Omit<SMTPPool.Options, 'pool'>, from: string): Transporter {
  // A plain options object with `url` makes nodemailer read only the URL (dropping `pool`), so build the pool ourselves.
  return nodemailer.createTransport(new SMTPPool({ ...POOL_OPTIONS, ...options, pool: true }), { from });
}

/** transport.verify() opens a connection, so /healthz shares one answer for VERIFY_TTL_MS. */
function cachedVerify(transport: Transporter): () => Promise<boolean> {
  let last: { at: number; result: Promise<boolean> } | undefined;
  return () => {
    if (!last || Date.now() - last.at > VERIFY_TTL_MS) {
      const result = transport.verify().then(
        () => true,
        (error: unknown) => {
          logger.warn({ err: error }, 'SMTP server did not verify');
          return false;
        },
      );
      last = { at: Date.now(), result };
    }
    return last.result;
  };
}

const SWEEP_INTERVAL_MS = 3600_000;

function buildService(
  mode: MailService['mode'],
  transport: Transporter,
  config: Config,
  catcher?: MailCatcher,
): MailService {
  const sweeper = catcher ? setInterval(() => void sweepCapturedMail().catch(() => undefined), SWEEP_INTERVAL_MS) : undefined;
  sweeper?.unref();
  return {
    mode,
    transport,
    embeddedPort: catcher?.port,
    async send(message) {
      const info = (await transport.sendMail({ ...message, from: message.from ?? config.mail.from })) as { messageId: string };
      return { messageId: info.messageId };
    },
    healthy: catcher ? async () => catcher.listening() : cachedVerify(transport),
    async stop() {
      clearInterval(sweeper);
      transport.close();
      await catcher?.stop();
    },
  };
}

/** Start outgoing mail: a pool to SMTP_URL, or (unset) an embedded catcher on loopback whose mail appears at /mailbox. */
export async function startMail(config: Config): Promise<MailService> {
  const { smtpUrl, from } = config.mail;
  if (smtpUrl) {
    logger.info('Mail goes out through SMTP_URL (pooled)');
    return buildService('smtp', createPooledTransport({ url: smtpUrl }, from), config);
  }
  const catcher = await startMailCatcher();
  logger.info({ port: catcher.port }, 'SMTP_URL is not set: mail is caught on loopback and shown at /mailbox');
  const transport = createPooledTransport({ host: '127.0.0.1', port: catcher.port, secure: false, ignoreTLS: true }, from);
  useEmbeddedTransport(transport);
  return buildService('embedded', transport, config, catcher);
}
