import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../cli/cli-process.js';

/** A `node src/server.ts` child, with everything it printed so far. */
export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  output: { stdout: string; stderr: string };
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Spawn the server with the test environment plus `env` (without waiting for it). */
export function spawnServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'server.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

/** How long a fresh process takes just to load the app's code (no database, no listening), in ms. */
export function timeToLoadApp(env: Record<string, string>): Promise<number> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', "await import('./src/app.ts')"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(Date.now() - started) : reject(new Error(`loading the app failed (exit ${code})`))));
  });
}

/** Spawn the server and wait until it has printed its whole start-up banner. */
export async function startServer(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  const server = spawnServer(env);
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  // The banner ends with the sign-in line; it is written in one piece.
  while (!/Sign in at \S+\/login/.test(server.output.stdout)) {
    if (exitCode !== undefined || Date.now() > deadline) {
      server.child.kill('SIGKILL');
      throw new Error(`The server did not start (exit ${exitCode}):\n${server.output.stdout}\n${server.output.stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return server;
}

/** Send SIGTERM and wait for the exit code. */
export async function stopServer(server: ServerProcess): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}

/** Pids of processes started with `--data-dir <dataDir>`: the embedded FerretDB serving it. */
export function ferretDbPids(dataDir: string): number[] {
  const result = spawnSync('pgrep', ['-f', '--', `--data-dir ${dataDir}`], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean).map(Number);
}
