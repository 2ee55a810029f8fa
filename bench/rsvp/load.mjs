// Load generator, run in a worker thread so it does not share an event loop with the server it measures.
// Plain JavaScript: Node 20 workers do not inherit tsx's loader. The spec and result shapes are in run.ts.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

function once(agent, spec, index) {
  const path = spec.paths[index % spec.paths.length];
  const body = spec.bodies ? spec.bodies[index % spec.bodies.length] : undefined;
  const headers = { ...spec.headers, ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: spec.port, path, method: spec.method, agent, headers }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end(body);
  });
}

/** Keep `concurrency` requests in flight for warm-up plus duration; count and time only those inside the measured window. */
async function run(spec) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const result = { requests: 0, errors: 0, seconds: spec.durationMs / 1000, latenciesMs: [] };
  const warmupEnd = performance.now() + spec.warmupMs;
  const end = warmupEnd + spec.durationMs;
  let counter = Math.floor(Math.random() * spec.paths.length);
  // The server's thread measures its own CPU time over the same window.
  setTimeout(() => parentPort?.postMessage({ windowStarted: true }), spec.warmupMs);
  const worker = async () => {
    for (;;) {
      const started = performance.now();
      if (started >= end) return;
      const status = await once(agent, spec, counter++).catch(() => 0);
      const finished = performance.now();
      if (started < warmupEnd || finished > end) continue;
      result.requests += 1;
      if (status !== spec.expect) result.errors += 1;
      result.latenciesMs.push(finished - started);
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  agent.destroy();
  return result;
}

parentPort?.postMessage(await run(workerData));
