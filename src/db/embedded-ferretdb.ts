// Starts (or reuses) the embedded FerretDB server built by scripts/build-ferretdb.mjs.
// The Go wrapper owns all the locking; this module only spawns it and reads its one-line JSON answer.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A running embedded FerretDB (or a reused one started by another process on the same data dir). */
export interface EmbeddedFerretDb {
  uri: string;
  owned: boolean;
  stop(): Promise<void>;
}

// This file is src/db/*.ts under tsx and dist/db/*.js once compiled: the repo root is two levels up either way.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Default location of the binary built at `npm install` time. */
export const defaultFerretDbBinary = join(repoRoot, 'tools', 'ferretdb', 'bin', 'convene-ferretdb');

const STOP_GRACE_MS = 5000;
const STDERR_TAIL = 4096;

interface Announcement {
  uri: string;
  owned: boolean;
  pid?: number;
}

/** Start FerretDB on dataDir, or reuse the one already serving it. Rejects with a clear Error if the binary is missing (tell the user to run npm install with Go available, or set MONGODB_URI) or it does not come up within timeoutMs (default 20000). */
export async function startEmbeddedFerretDb(opts: {
  dataDir: string;
  timeoutMs?: number;
  binaryPath?: string;
}): Promise<EmbeddedFerretDb> {
  const binary = opts.binaryPath ?? defaultFerretDbBinary;
  const timeoutMs = opts.timeoutMs ?? 20000;
  if (!existsSync(binary)) {
    throw new Error(
      `Embedded database binary not found at ${binary}. ` +
        'Run `npm install` with Go >= 1.24 on PATH to build it (see docs/database.md), ' +
        'or set MONGODB_URI to a MongoDB replica set (e.g. mongodb://a,b,c/convene?replicaSet=rs0).',
    );
  }
  // The binary creates the directory itself (Node's recursive mkdirSync can spin forever on odd paths such as /proc/x).
  const dataDir = resolve(opts.dataDir);

  // stdin stays an open pipe for our whole life: when this process dies (even by SIGKILL) the kernel
  // closes it, the child reads EOF and shuts down, so it can never be orphaned.
  const child = spawn(binary, ['--data-dir', dataDir, '--log', join(dataDir, 'ferretdb.log')], {
    cwd: '/', // the server writes nothing to its cwd; '/' keeps it from pinning any directory
    stdio: ['pipe', 'pipe', 'pipe'],
  });

  let stderr = '';
  child.stderr.setEncoding('utf8');
  // Keep draining stderr for the child's whole life so a chatty child can never block on a full pipe.
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  // An unhandled 'error' event would crash the app; spawn failures are reported below, later ones need no action.
  child.on('error', () => {});
  child.stdin.on('error', () => {}); // EPIPE once the child is gone: nothing to do

  const announcement = await new Promise<Announcement>((resolveStart, rejectStart) => {
    let stdout = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      const detail = stderr.trim() ? `: ${stderr.trim()}` : '';
      rejectStart(new Error(`Embedded FerretDB (${binary}) ${why}${detail}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    // 'close' (not 'exit') fires only after stdout/stderr are drained, so a line printed just before
    // exiting (the reuse case) is always seen first, and stderr is complete for the message.
    const onEarlyExit = (code: number | null, signal: string | null) =>
      fail(`exited before it was ready (code ${code}, signal ${signal})`);
    child.once('error', (err) => fail(`could not be spawned (${err.message})`));
    child.once('close', onEarlyExit);
    child.stdout.setEncoding('utf8');
    const onData = (chunk: string) => {
      stdout += chunk;
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      child.stdout.removeListener('data', onData);
      child.removeListener('close', onEarlyExit);
      try {
        const parsed = JSON.parse(stdout.slice(0, nl)) as Announcement;
        if (typeof parsed.uri !== 'string' || typeof parsed.owned !== 'boolean') throw new Error('bad shape');
        resolveStart(parsed);
      } catch {
        fail(`printed an unexpected line: ${stdout.slice(0, nl)}`);
      }
    };
    child.stdout.on('data', onData);
  });
  // Nothing else is printed on stdout, but keep it flowing anyway.
  child.stdout.resume();

  if (!announcement.owned) {
    // The helper exits by itself after pointing us at the running server; nothing of ours to stop.
    child.stdin.end();
    return { uri: announcement.uri, owned: false, stop: async () => {} };
  }

  // Best effort on a normal process exit; the stdin pipe covers every other way of dying.
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.removeListener('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(killer);
      }
      child.stdin.destroy();
    })();
    return stopping;
  };
  return { uri: announcement.uri, owned: true, stop };
}
