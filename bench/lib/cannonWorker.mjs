// Runs one autocannon load in a worker thread, so the load generator does not share the
// server's event loop (the bench process hosts both). Plain JS: workers do not get tsx.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

// Off the main thread autocannon hands back raw data (encoded histograms, totals) for its
// own worker manager to merge: aggregate the latencies here, compute the rate from totals.
const raw = await autocannon(workerData);
const result = autocannon.aggregateResult([raw], workerData);
parentPort?.postMessage({
  requestsPerSec: raw.totalCompletedRequests / raw.duration,
  total: raw.totalCompletedRequests,
  latency: {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    mean: result.latency.average,
    max: result.latency.max,
  },
  non2xx: raw.non2xx,
  errors: raw.errors,
  timeouts: raw.timeouts,
  bytesPerSec: raw.totalBytes / raw.duration,
});
