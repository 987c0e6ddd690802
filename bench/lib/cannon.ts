import { Worker } from 'node:worker_threads';

export interface CannonOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  headers?: Record<string, string>;
}

/** What the worker posts back (see cannonWorker.mjs). Latencies in whole ms (autocannon's resolution). */
export interface CannonResult {
  requestsPerSec: number;
  total: number;
  latency: { p50: number; p90: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerSec: number;
}

function isCannonResult(value: unknown): value is CannonResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<CannonResult>;
  return typeof v.requestsPerSec === 'number' && typeof v.latency?.p99 === 'number';
}

/** Runs autocannon in a worker thread (same process, other core) and returns its figures. */
export function cannon(options: CannonOptions): Promise<CannonResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./cannonWorker.mjs', import.meta.url), { workerData: options });
    let settled = false;
    worker.once('message', (message: unknown) => {
      settled = true;
      if (isCannonResult(message)) resolve(message);
      else reject(new Error(`unexpected autocannon result: ${JSON.stringify(message)}`));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`autocannon worker exited with code ${code}`));
    });
  });
}
