import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcpProxy.ts';
import { waitFor } from '../../../test/support/waitFor.ts';
import { loadConfig } from '../../config/env.ts';
import { createLogger } from '../../logger.ts';
import { createContext } from '../../processes/server.ts';
import { type RunningWorker, startWorker } from '../../processes/worker.ts';
import { type App, buildApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { createStore, dropPgSchema } from '../../store/index.ts';
import { runningRun } from '../queue.contract.ts';
import { closeRedis, connectRedis, deleteKeys } from './redis.ts';

/**
 * Redis outages as the server lives them, staged with a TCP proxy between the server and
 * the machine's Redis (never stopped): the worker keeps its own connection, so its run goes
 * on and ends while the server is cut off.
 */

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_PORT = Number(new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379').port || 6379);
const API_KEY = 'test-api-key-0123456789';
const WAIT = { timeoutMs: 30_000, intervalMs: 50 };
const silent = createLogger('silent');

interface LogLine {
  level: number;
  msg: string;
  connection?: string;
  down_ms?: number;
  err?: unknown;
}

interface SseEvent {
  id: string | undefined;
  event: string;
  data: {
    id?: string;
    status?: string;
    state?: string;
    last_run?: { id: string; status: string } | null;
  };
}

function readEvents(url: string): { events: SseEvent[]; close(): void } {
  const events: SseEvent[] = [];
  const controller = new AbortController();
  void (async () => {
    const res = await fetch(`${url}/api/events`, {
      headers: { 'x-api-key': API_KEY },
      signal: controller.signal,
    });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) {
          events.push({ id: /^id: (.*)$/m.exec(block)?.[1], event, data: JSON.parse(data) });
        }
      }
    }
  })().catch(() => {});
  return { events, close: () => controller.abort() };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** A server (context + listening app) whose Redis is behind `proxy`, and a worker on Redis itself. */
async function serverBehindProxy(): Promise<{
  ctx: AppContext;
  app: App;
  url: string;
  proxy: TcpProxy;
  logs: LogLine[];
  worker: RunningWorker;
}> {
  const tag = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const schema = `lbb_test_outage_${tag}`;
  const prefix = `lbb_test_outage_${tag}`;
  await (await createStore({ databaseUrl: PG_URL, pgSchema: schema })).close();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-outage-'));
  const proxy = await startTcpProxy({ port: REDIS_PORT });
  cleanups.push(async () => {
    await proxy.close();
    const redis = connectRedis(`redis://127.0.0.1:${REDIS_PORT}`, 'commands');
    await deleteKeys(redis, prefix).finally(() => closeRedis(redis));
    await dropPgSchema(PG_URL, schema);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    QUEUE: 'bullmq',
    REDIS_URL: proxy.url('redis'),
    QUEUE_PREFIX: prefix,
    API_KEY,
    ADMIN_PASSWORD: 'admin-password-1',
    SECRET_KEY: 'k'.repeat(40),
    LBB_TEST_JOBS: '1',
  };
  // What the server logs, as JSON lines.
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const ctx = await createContext(loadConfig(env), { logger: pino({ level: 'info' }, sink) });
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  cleanups.push(async () => {
    const closing = app.close();
    app.server.closeAllConnections();
    await closing;
    await ctx.close();
  });
  const worker = await startWorker(loadConfig({ ...env, REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}` }), {
    logger: silent,
    heartbeatMs: 500,
  });
  cleanups.push(() => worker.close());
  return { ctx, app, url, proxy, logs, worker };
}

const api = (url: string, pathname: string, body?: unknown) =>
  fetch(`${url}${pathname}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-api-key': API_KEY, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** A run of the worker in progress, an open event stream, and then the server cut off from Redis. */
async function cutDuringRun() {
  const server = await serverBehindProxy();
  const { ctx, url, proxy } = server;
  await waitFor(async () => (await ctx.queue.workers()).status === 'online', {
    ...WAIT,
    what: 'the worker online',
  });
  const started = await api(url, '/api/bot/action', { action: 'start', job_type: 'test_cooperative' });
  expect(started.status).toBe(202);
  const { run } = (await started.json()) as { run: { id: string } };
  await runningRun(ctx, run.id);
  const sse = readEvents(url);
  cleanups.push(() => sse.close());
  await waitFor(() => sse.events.some((e) => e.event === 'status' && e.data.state === 'running'), {
    ...WAIT,
    what: 'a status event saying running',
  });
  proxy.cut();
  await waitFor(async () => (await ctx.queue.workers()).status === 'offline', {
    ...WAIT,
    what: 'the queue seen down',
  });
  /** A stop as the API records it before telling the workers (which also poll the store). */
  const stopInStore = async () => {
    await ctx.lifecycle.stopping((await ctx.store.runs.get(run.id))!, 'user:admin');
    await waitFor(async () => (await ctx.store.runs.get(run.id))?.status === 'stopped', {
      ...WAIT,
      what: 'the run stopped by its worker while the server is cut off',
    });
  };
  return { ...server, runId: run.id, sse, stopInStore };
}

describe('distributed mode through a Redis outage', { timeout: 120_000 }, () => {
  it('answers status from the store with the queue down, and accepts a stop (202) that the worker carries out', async () => {
    const { ctx, url, proxy, runId } = await cutDuringRun();
    const status = (await (await api(url, '/api/bot/status')).json()) as {
      worker: unknown;
      active_jobs: { id: string }[];
    };
    expect(status.worker).toEqual({ mode: 'bullmq', status: 'offline', count: 0 });
    expect(status.active_jobs.map((r) => r.id)).toEqual([runId]);
    const health = await api(url, '/health');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ db: 'ok', queue: 'down' });

    const stop = await api(url, '/api/bot/action', { action: 'stop', run_id: runId });
    expect(stop.status).toBe(202);
    expect(await stop.json()).toEqual({ stopping: [runId] });
    await waitFor(async () => (await ctx.store.runs.get(runId))?.status === 'stopped', {
      ...WAIT,
      what: 'the run stopped by its worker while the server is cut off',
    });
    proxy.restore();
    await waitFor(async () => (await ctx.queue.workers()).status === 'online', {
      ...WAIT,
      what: 'the worker online again',
    });
    // Nothing lost or doubled: one run, stopped once, by whoever asked.
    expect(await ctx.store.runs.get(runId)).toMatchObject({ status: 'stopped', stopped_by: 'api_key' });
    expect((await ctx.store.runs.list({ account_id: 'default', limit: 10 })).map((r) => r.id)).toEqual([
      runId,
    ]);
  });

  it('counts in /metrics a run that ended while its end could not be relayed', async () => {
    const { url, stopInStore } = await cutDuringRun();
    await stopInStore();
    const metrics = await (await api(url, '/metrics')).text();
    expect(metrics).toMatch(/^lbb_runs_finished_total\{type="test_cooperative",status="stopped"\} 1$/m);
  });

  it('sends open event streams a fresh status and the runs once Redis is back, each event with an id', async () => {
    const { proxy, runId, sse, stopInStore } = await cutDuringRun();
    await stopInStore();
    // The stream has not heard of it: the worker published the end while the server was cut off.
    expect(sse.events.some((e) => e.event === 'run' && e.data.status === 'stopped')).toBe(false);
    proxy.restore();
    const resync = await waitFor(
      () =>
        sse.events.find(
          (e) => e.event === 'status' && e.data.state === 'idle' && e.data.last_run?.id === runId,
        ),
      { ...WAIT, what: 'a fresh status event after Redis is back' },
    );
    expect(resync.data.last_run?.status).toBe('stopped');
    expect(
      sse.events.some((e) => e.event === 'run' && e.data.id === runId && e.data.status === 'stopped'),
    ).toBe(true);
    expect(sse.events.map((e) => Number(e.id))).toEqual(sse.events.map((_, i) => i + 1));
  });

  it('logs an outage once per connection when it starts (a warning without a stack) and once when it ends', async () => {
    const { ctx, proxy, logs, stopInStore } = await cutDuringRun();
    // Long enough for many reconnection attempts and failed commands.
    await stopInStore();
    await ctx.queue.workers();
    proxy.restore();
    await waitFor(() => logs.filter((l) => /Redis reachable again/.test(l.msg)).length === 2, {
      ...WAIT,
      what: () => `the end of the outage logged on both connections: ${logs.map((l) => l.msg).join(' | ')}`,
    });
    const warnings = logs.filter((l) => l.level >= 40);
    expect(warnings.map((l) => [l.msg, l.connection]).sort()).toEqual([
      ['Redis unreachable: retrying in the background', 'events'],
      ['Redis unreachable: retrying in the background', 'queue'],
    ]);
    expect(warnings.some((l) => l.err !== undefined)).toBe(false);
    const ends = logs.filter((l) => /Redis reachable again/.test(l.msg));
    expect(ends.map((l) => l.connection).sort()).toEqual(['events', 'queue']);
    for (const end of ends) expect(end.down_ms).toBeGreaterThan(0);
  });
});
