import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { logger } from '../logger.js';
import { insertCapturedMail } from './captured-mail.store.js';
import { buildCapturedMail, CaptureError, type SmtpEnvelope } from './mail-capture.js';
import { replyAddress, replyReceiver } from './replies.js';

/** The largest message the catcher accepts, like common production relays. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/** The embedded SMTP server that stores every message it receives instead of delivering it. */
export interface MailCatcher {
  port: number;
  listening(): boolean;
  stop(): Promise<void>;
}

/** Read the DATA stream; past the size limit keep draining (the client must finish) but stop buffering. */
export function readSmtpMessage(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

function envelopeOf(session: SMTPServerSession): SmtpEnvelope {
  const from = session.envelope.mailFrom;
  return { from: from ? from.address : '', to: session.envelope.rcptTo.map((rcpt) => rcpt.address) };
}

async function captureMessage(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
  const raw = await readSmtpMessage(stream);
  if (stream.sizeExceeded) throw new CaptureError(`Message exceeds the ${MAX_MESSAGE_BYTES / 1024 / 1024} MB size limit`, 552);
  const envelope = envelopeOf(session);
  // Mail to the reply address is what an inbound mailbox would receive: hand it to the inbox, stored before 250.
  const receive = replyReceiver();
  if (receive && envelope.to.some((to) => to.toLowerCase() === replyAddress())) {
    await receive(raw, envelope.from).catch((error: unknown) => {
      logger.error({ err: error }, 'Reply could not be stored in the inbox');
      throw new CaptureError('Inbox storage is unavailable, try again later', 451);
    });
  }
  const fields = await buildCapturedMail(raw, envelope);
  try {
    const mailId = await insertCapturedMail(fields);
    logger.info({ mailId, to: envelope.to, subject: fields.subject }, 'Mail caught for the mailbox');
  } catch (error) {
    logger.error({ err: error }, 'Caught mail could not be stored');
    throw new CaptureError('Mailbox storage is unavailable, try again later', 451);
  }
}

/** The SMTP reply for a failed capture: our own message and code, never internal details. */
function toSmtpError(error: unknown): Error & { responseCode: number } {
  const capture = error instanceof CaptureError ? error : new CaptureError('Message could not be stored', 451);
  if (capture !== error) logger.error({ err: error }, 'Caught mail failed');
  else logger.warn({ reason: capture.message }, 'Caught mail rejected');
  return Object.assign(new Error(capture.message), { responseCode: capture.responseCode });
}

function createServer(): SMTPServer {
  return new SMTPServer({
    banner: 'Convene development mail catcher: messages are kept in /mailbox, never delivered',
    // Loopback only, so neither authentication nor TLS protects anything here.
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 2000,
    onData(stream, session, callback) {
      captureMessage(stream, session).then(
        () => callback(),
        (error: unknown) => callback(toSmtpError(error)),
      );
    },
  });
}

/** Start the catcher on a free loopback port. */
export async function startMailCatcher(): Promise<MailCatcher> {
  const server = createServer();
  server.on('error', (error) => logger.warn({ err: error }, 'Mail catcher connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.removeListener('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    listening: () => server.server.listening,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
