// `npm test`: lint and type-check, start one embedded FerretDB for the whole run, then run every
// tests/**/*.test.ts file with node's test runner, each file in its own process and database, and finally
// check every calendar the tests saw with a second parser (Python's icalendar, docs/testing.md).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmbeddedFerretDb } from '../src/db/embedded-ferretdb.js';
import { ICS_CHECKER, ICS_INSTALLED_REQUIREMENTS, ICS_PYTHON, ICS_REQUIREMENTS, ICS_VENV_COMMAND } from '../tests/helpers/ics-check.js';

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

/** Why the second parser's venv cannot check calendars (missing, or made from other pins), or undefined when it can. */
function icsVenvProblem(): string | undefined {
  if (!existsSync(ICS_PYTHON)) return 'is missing';
  if (!existsSync(ICS_INSTALLED_REQUIREMENTS) || readFileSync(ICS_INSTALLED_REQUIREMENTS, 'utf8') !== readFileSync(ICS_REQUIREMENTS, 'utf8')) {
    return `does not hold the versions pinned in ${path.relative(root, ICS_REQUIREMENTS)}`;
  }
  return undefined;
}

/** Check every spooled calendar in one Python run; true when all pass. Failing calendars are kept in test-results/. */
function checkSpooledCalendars(spool: string): boolean {
  const count = readdirSync(spool).filter((name) => name.endsWith('.ics')).length;
  console.log(`# second calendar parser: Python icalendar on the ${count} distinct calendars the tests saw`);
  const started = performance.now();
  const result = spawnSync(ICS_PYTHON, [ICS_CHECKER, '.'], { cwd: spool, stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    console.log(`# second calendar parser: ${count} calendars passed (${seconds} s)`);
    return true;
  }
  const kept = path.join(root, 'test-results', `ics-spool-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(path.dirname(kept), { recursive: true });
  cpSync(spool, kept, { recursive: true });
  console.error(
    `# second calendar parser FAILED (${seconds} s, exit ${result.status ?? result.signal}): the calendars listed above fail the checks of Python's icalendar (tests/helpers/ics_check.py).\n` +
      `#   They are kept in ${path.relative(root, kept)}/ (each <name>.origin names the test file and how it was received).\n` +
      `#   Re-check one: .venv-ics/bin/python tests/helpers/ics_check.py ${path.relative(root, kept)}/<name>.ics`,
  );
  return false;
}

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'helpers' ? [] : findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

// Checked first, so a missing venv does not cost a whole run.
const venvProblem = icsVenvProblem();
if (venvProblem) {
  console.error(
    `The venv of the second calendar parser (.venv-ics/, Python's icalendar) ${venvProblem}.\n` +
      `Create it (needs python3 with venv, and PyPI) with:\n\n    ${ICS_VENV_COMMAND}\n`,
  );
  process.exit(1);
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
// Every calendar the tests see is copied here (tests/helpers/ics-spool.ts), for the second parser. Set
// TEST_ICS_SPOOL to a new directory to keep them after the run.
const icsSpool = process.env.TEST_ICS_SPOOL ? path.resolve(process.env.TEST_ICS_SPOOL) : path.join(scratch, 'ics-spool');
mkdirSync(icsSpool, { recursive: true });

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
  TEST_ICS_SPOOL: icsSpool,
};

const child = spawn(
  process.execPath,
  // The spool module is preloaded so that it also hears the app's embedded catcher in files that never import it.
  ['--import', 'tsx', '--import', pathToFileURL(path.join(root, 'tests', 'helpers', 'ics-spool.ts')).href, '--test', '--test-concurrency=2', '--test-reporter=spec', ...passThrough, ...files],
  { cwd: root, env, stdio: 'inherit' },
);
const code: number = await new Promise((resolve) => child.on('exit', (status) => resolve(status ?? 1)));
await db?.stop();
const calendarsPass = checkSpooledCalendars(icsSpool);
rmSync(scratch, { recursive: true, force: true });
process.exit(code !== 0 ? code : calendarsPass ? 0 : 1);
