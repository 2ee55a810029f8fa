import { createServer, type Server } from 'node:http';
import type { FirstRunResult } from './auth/index.js';
import { ConfigError, getConfig, type Config } from './config.js';
import type { Database } from './db/index.js';
import type { JobRunner } from './jobs/index.js';
import type { Inbound } from './inbound/index.js';
import type { MailService, OutboxWorker } from './mail/index.js';

const STARTUP_LIMIT_MS = 30_000;
const SHUTDOWN_LIMIT_MS = 10_000;

function fail(message: string): never {
  console.error(`\nConvene could not start:\n${message}\n`);
  process.exit(1);
}

function loadConfigOrExit(): Config {
  try {
    return getConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/** Start Convene: database, mail, first admin, then HTTP; stop cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // Loaded only once the configuration is known to be valid: these modules read it as they load.
  const { logger } = await import('./logger.js');
  const { createApp } = await import('./app.js');
  const { ensureFirstAdmin, startSessionSweeper } = await import('./auth/index.js');
  const { openDatabase } = await import('./db/index.js');
  const { startMail, startOutboxWorker } = await import('./mail/index.js');
  const { startJobRunner } = await import('./jobs/index.js');
  const { startInbound } = await import('./inbound/index.js');
  const startupTimer = setTimeout(() => fail(`Startup took longer than ${STARTUP_LIMIT_MS / 1000} s.`), STARTUP_LIMIT_MS);
  let db: Database | undefined;
  let mail: MailService | undefined;
  let outbox: OutboxWorker | undefined;
  let jobs: JobRunner | undefined;
  let inbound: Inbound | undefined;
  const stopBackends = async () => {
    await inbound?.stop().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    await outbox?.stop().catch(() => undefined);
    await mail?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
  };
  try {
    db = await openDatabase(config, {
      onEngineMoved: (uri) => {
        logger.fatal('The embedded database started again at %s, where this process cannot follow; exiting so that it is restarted', uri);
        void stopBackends().finally(() => process.exit(1));
      },
    });
    mail = await startMail(config);
    outbox = startOutboxWorker({ transport: mail.transport, from: config.mail.from });
    jobs = startJobRunner();
    inbound = await startInbound(config);
  } catch (error) {
    await stopBackends();
    fail(error instanceof Error ? error.message : String(error));
  }
  const firstRun = await ensureFirstAdmin(config.admin);
  const sessionSweeper = startSessionSweeper();
  const app = createApp({ config, mailHealthy: () => mail!.healthy() });
  const httpServer = createServer(app);
  await listen(httpServer, config.http.port, config.http.host).catch(async (error: Error) => {
    await stopBackends();
    fail(`Cannot listen on ${config.http.host}:${config.http.port}: ${error.message}`);
  });
  clearTimeout(startupTimer);
  printBanner(config, db!, mail!, firstRun);
  logger.info({ url: config.http.publicUrl, db: db!.kind, mail: mail!.mode }, 'Convene is running');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('Received %s, shutting down', signal);
    setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS).unref();
    sessionSweeper.stop();
    await new Promise<void>((resolve) => {
      httpServer.close(() => resolve());
      httpServer.closeIdleConnections();
    });
    await stopBackends();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'Uncaught exception');
    void stopBackends().finally(() => process.exit(1));
  });
}

function printBanner(config: Config, db: Database, mail: MailService, firstRun: FirstRunResult): void {
  const lines = [
    '',
    `  Convene is running at ${config.http.publicUrl}`,
    `  Database: ${db.kind === 'embedded' ? `embedded FerretDB (data in ${config.db.dataDir})` : 'MongoDB (MONGODB_URI)'}`,
    `  Mail:     ${mail.mode === 'embedded' ? `caught in-process; read it at ${config.http.publicUrl}/mailbox` : 'sent through SMTP_URL'}`,
    `  Replies:  ${config.inbound.imapUrl ? 'read from IMAP_URL' : config.inbound.smtpPort !== undefined ? `received by SMTP on ${config.inbound.smtpHost}:${config.inbound.smtpPort}` : 'mail to MAIL_FROM is taken by the embedded catcher'}`,
  ];
  if (firstRun.created) {
    lines.push('', `  First run: created the administrator ${firstRun.email}`);
    if (firstRun.generatedPassword) lines.push(`  Password (shown only this once): ${firstRun.generatedPassword}`);
  }
  lines.push(`  Sign in at ${config.http.publicUrl}/login`, '');
  console.log(lines.join('\n'));
}

await main();
