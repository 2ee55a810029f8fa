import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { logger } from '../logger.js';
import { readSmtpMessage } from '../mail/index.js';
import { INBOUND_MAX_BYTES } from './inbox.service.js';

/** Stores one raw message durably; resolves only once it is stored. */
export type StoreRaw = (raw: Buffer, envelopeFrom: string) => Promise<void>;

/** The inbound SMTP listener for relays that forward the reply address to Convene. */
export interface InboundSmtp {
  port: number;
  stop(): Promise<void>;
}

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

/**
 * Listen for relayed replies. A message is answered 250 only after it is stored in the inbox, so a relay whose
 * connection drops, or that gets 451, keeps the message and tries again; over the size limit it gets 552.
 */
export async function startInboundSmtp(options: { host: string; port: number; store: StoreRaw }): Promise<InboundSmtp> {
  const server = new SMTPServer({
    banner: 'Convene inbound mail',
    // The relay in front of Convene authenticates and encrypts; this listener belongs on a private network.
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: INBOUND_MAX_BYTES,
    logger: false,
    closeTimeout: 2000,
    onData(stream, session, callback) {
      readSmtpMessage(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) throw smtpError(`Message exceeds the ${INBOUND_MAX_BYTES / 1024 / 1024} MB limit`, 552);
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          await options.store(raw, from).catch((error: unknown) => {
            logger.error({ err: error }, 'Inbound SMTP message could not be stored');
            throw smtpError('Inbox storage is unavailable, try again later', 451);
          });
        })
        .then(
          () => callback(),
          (error: Error) => callback(error),
        );
    },
  });
  server.on('error', (error) => logger.warn({ err: error }, 'Inbound SMTP connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.removeListener('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  logger.info({ host: options.host, port }, 'Inbound SMTP listening');
  return { port, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
