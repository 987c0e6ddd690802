/** 1. HTTP throughput of the real app against a bare Fastify route, both in this process. */
import Fastify from 'fastify';
import { type CannonResult, cannon } from '../lib/cannon.ts';
import { BENCH_API_KEY, type BenchServer } from '../lib/server.ts';
import { progress } from '../lib/wait.ts';

export const HTTP_CONNECTIONS = 10;
export const HTTP_DURATION_S = 10;
export const HTTP_WARMUP_S = 2;

export interface HttpTargetResult extends CannonResult {
  name: string;
  url: string;
  /** Body size of one answer (bytes), from the preflight request. */
  bodyBytes: number;
  /** requests/s relative to the bare route (1 for the bare route itself). */
  ratioToBare: number;
}

export interface HttpResult {
  connections: number;
  durationS: number;
  warmupS: number;
  targets: HttpTargetResult[];
}

interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

/** Checks the target answers 200 before loading it (a 401 would measure the auth hook only). */
async function preflight(target: Target): Promise<number> {
  const res = await fetch(target.url, { headers: target.headers });
  const body = await res.arrayBuffer();
  if (res.status !== 200) {
    throw new Error(
      `${target.name}: expected 200, got ${res.status} ${Buffer.from(body).toString().slice(0, 200)}`,
    );
  }
  return body.byteLength;
}

export async function measureHttp(server: BenchServer): Promise<HttpResult> {
  const bare = Fastify();
  bare.get('/bare', async () => ({ ok: true, service: 'bare', version: 1 }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = bare.server.address();
    if (!address || typeof address === 'string') throw new Error('bare app is not listening on a TCP port');
    const auth = { 'x-api-key': BENCH_API_KEY };
    const targets: Target[] = [
      { name: 'GET /bare (bare Fastify)', url: `http://127.0.0.1:${address.port}/bare` },
      { name: 'GET /api/bot/status', url: `${server.url}/api/bot/status`, headers: auth },
      { name: 'GET /api/history?days=7', url: `${server.url}/api/history?days=7`, headers: auth },
    ];
    const results: HttpTargetResult[] = [];
    for (const target of targets) {
      const bodyBytes = await preflight(target);
      const options = { url: target.url, connections: HTTP_CONNECTIONS, headers: target.headers };
      progress(`http: ${target.name} (warm-up ${HTTP_WARMUP_S} s, then ${HTTP_DURATION_S} s)`);
      await cannon({ ...options, duration: HTTP_WARMUP_S });
      const result = await cannon({ ...options, duration: HTTP_DURATION_S });
      const bareRps = results[0]?.requestsPerSec ?? result.requestsPerSec;
      results.push({
        name: target.name,
        url: target.url,
        bodyBytes,
        ...result,
        ratioToBare: result.requestsPerSec / bareRps,
      });
    }
    return {
      connections: HTTP_CONNECTIONS,
      durationS: HTTP_DURATION_S,
      warmupS: HTTP_WARMUP_S,
      targets: results,
    };
  } finally {
    await bare.close();
  }
}
