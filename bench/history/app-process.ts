// The app in its own process, as `npm start` runs it, for the history benches.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Start `node scripts/start.mjs` with this environment on a free port (its log goes to our stderr); resolves once /healthz answers. */
export async function startAppProcess(env: NodeJS.ProcessEnv): Promise<{ port: number; process: ChildProcess }> {
  const port = await freePort();
  // BENCH_APP_NODE_ARGS passes flags to the app's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles".
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'scripts/start.mjs')], { cwd: ROOT, stdio: ['ignore', process.stderr, 'inherit'], env: { ...env, PORT: String(port) } });
  // The first start builds dist/ when the sources changed, which takes a while on a small machine.
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return { port, process: child };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the app did not answer within 300 s');
}
