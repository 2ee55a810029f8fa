// `npm test`: lint and type-check, start one embedded FerretDB for the whole run, then run every
// tests/**/*.test.ts file with node's test runner, each file in its own process and database.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedFerretDb } from '../src/db/embedded-ferretdb.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipChecks = args.includes('--no-lint');
const filters = args.filter((a) => !a.startsWith('--'));
// node --test options (e.g. --test-name-pattern=…) pass straight through.
const passThrough = args.filter((a) => a.startsWith('--test-'));

function run(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'helpers' ? [] : findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

if (!skipChecks) {
  console.log('# lint');
  run(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings=0', '.']);
  console.log('# type check');
  run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.test.json']);
}

const files = findTests(path.join(root, 'tests')).filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));
const scratch = mkdtempSync(path.join(tmpdir(), 'convene-test-'));
const external = process.env.TEST_MONGODB_URI;
const db = external ? undefined : await startEmbeddedFerretDb({ dataDir: path.join(scratch, 'db') });

// Every key set explicitly, so a developer's .env never leaks into the tests.
const env = {
  ...process.env,
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  TEST_MONGODB_URI: external ?? db!.uri,
  MONGODB_URI: external ?? db!.uri,
  DATA_DIR: path.join(scratch, 'data'),
  SMTP_URL: '',
  PUBLIC_URL: 'http://127.0.0.1:3999',
  SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
  ADMIN_EMAIL: '',
  ADMIN_PASSWORD: '',
  MAIL_FROM: 'Convene Test <convene@test.local>',
  IMAP_URL: '',
  INBOUND_SMTP_PORT: '',
  INBOUND_SMTP_HOST: '127.0.0.1',
  DEFAULT_TIMEZONE: 'Asia/Shanghai',
  HOST: '127.0.0.1',
  PORT: '3999',
};

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...passThrough, ...files],
  { cwd: root, env, stdio: 'inherit' },
);
const code: number = await new Promise((resolve) => child.on('exit', (status) => resolve(status ?? 1)));
await db?.stop();
rmSync(scratch, { recursive: true, force: true });
process.exit(code);
