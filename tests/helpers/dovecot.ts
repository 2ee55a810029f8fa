import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Debian's Dovecot binary (package dovecot-imapd). */
export const DOVECOT_PATH = '/usr/sbin/dovecot';

/** A Dovecot IMAP server of the test's own, on loopback, with any user accepted with this password. */
export interface TestDovecot {
  port: number;
  /** `imap://user:password@127.0.0.1:port/INBOX` for a user. */
  urlFor(user: string): string;
  password: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error(`dovecot exited: ${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('dovecot did not start listening');
}

/** Start Dovecot in the foreground with a configuration of its own (maildir in a scratch directory, plain IMAP, no TLS). */
export async function startDovecot(): Promise<TestDovecot> {
  const dir = mkdtempSync(path.join(tmpdir(), 'convene-dovecot-'));
  // Mail is written as the package's own unprivileged user (Dovecot refuses root).
  chmodSync(dir, 0o777);
  const port = await freePort();
  const password = 'imap-test-password';
  const log = path.join(dir, 'dovecot.log');
  const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${log}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = static
  args = password=${password}
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`;
  const file = path.join(dir, 'dovecot.conf');
  writeFileSync(file, config);
  const child = spawn(DOVECOT_PATH, ['-F', '-c', file], { stdio: 'ignore' });
  await waitForPort(port, child, log);
  return {
    port,
    password,
    urlFor: (user) => `imap://${encodeURIComponent(user)}:${password}@127.0.0.1:${port}/INBOX`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!process.env.KEEP_DOVECOT) rmSync(dir, { recursive: true, force: true });
    },
  };
}
