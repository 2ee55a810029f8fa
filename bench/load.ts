// Drives bench/rsvp/load.mjs (a load generator in a worker thread) and returns what it measured; shared by the benches.
import { Worker } from 'node:worker_threads';

/** What load.mjs hammers and how hard. */
export interface LoadSpec {
  port: number;
  method: 'GET' | 'POST';
  /** Paths picked in turn (from a random start). */
  paths: string[];
  /** Form-encoded bodies used in turn, for POST. */
  bodies?: string[];
  headers?: Record<string, string>;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** The status every request should answer with. */
  expect: number;
}

/** What load.mjs measured in its window. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

/** Run one load in its own worker thread. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./rsvp/load.mjs', import.meta.url), { workerData: spec });
    worker.on('message', (message: LoadResult | { windowStarted: true }) => {
      if (!('windowStarted' in message)) resolve(message);
    });
    worker.once('error', reject);
  });
}
