import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeRedis, connectRedis, deleteKeys } from '../../src/jobs/bullmq/redis.ts';
import { groupAlive } from '../../src/runner/processGroup.ts';
import { createStore, dropPgSchema } from '../../src/store/index.ts';
import { type SpawnedServer, startServer } from '../support/serverProcess.ts';
import { startTcpProxy } from '../support/tcpProxy.ts';
import { waitFor } from '../support/waitFor.ts';
import { dashboardContext, launchBrowser, markDocument, sameDocument } from './dashboardBrowser.ts';
import { ADMIN_PASSWORD } from './stack.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const API_KEY = 'e2e-api-key-0123456789';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** Two processes over Redis and Postgres on a loaded 2-core machine: generous. */
const WAIT = { timeoutMs: 30_000, intervalMs: 50 };

interface SseEvent {
  event: string;
  data: { id?: string; status?: string; messages_sent?: number; run_id?: string | null; message?: string };
  at: number;
}

/** Reads `/api/events` in the background, collecting parsed events. */
function readEvents(url: string): { events: SseEvent[]; close: () => void } {
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
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data), at: performance.now() });
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => {});
  return { events, close: () => controller.abort() };
}

describe('distributed mode (QUEUE=bullmq): a server, a separate worker, PostgreSQL and Redis', {
  timeout: 180_000,
}, () => {
  it('runs on the worker, streams its events over SSE, and a stop really stops', async () => {
    const schema = `lbb_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
    const prefix = `lbb_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
    await (await createStore({ databaseUrl: PG_URL, pgSchema: schema })).close();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-e2e-dist-'));
    cleanups.push(async () => {
      const redis = connectRedis(REDIS_URL, 'commands');
      await deleteKeys(redis, prefix).finally(() => closeRedis(redis));
      await dropPgSchema(PG_URL, schema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    const env = {
      DATA_DIR: dataDir,
      QUEUE: 'bullmq',
      DATABASE_URL: `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      API_KEY,
      ADMIN_PASSWORD: 'admin-password-1',
      SECRET_KEY: 's'.repeat(40),
      LBB_TEST_JOBS: '1',
    };
    const headers = { 'x-api-key': API_KEY, 'content-type': 'application/json' };

    // Up once it answers /health: with no worker yet, that is a 503.
    const server: SpawnedServer = await startServer(env, 'serve', { ready: 'answering' });
    cleanups.push(async () => {
      await server.stop();
    });
    // No worker yet: the queue is reported down, the worker offline.
    expect((await fetch(`${server.url}/health`)).status).toBe(503);

    const worker: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), 'worker'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let workerOut = '';
    worker.stdout?.on('data', (d) => (workerOut += d.toString()));
    worker.stderr?.on('data', (d) => (workerOut += d.toString()));
    const workerExit = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    cleanups.push(() => {
      if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    });

    const status = async () =>
      (await (await fetch(`${server.url}/api/bot/status`, { headers })).json()) as {
        worker: { mode: string; status: string; count: number };
        active_jobs: { id: string; status: string }[];
      };
    await waitFor(async () => (await status()).worker.status === 'online', {
      ...WAIT,
      what: 'the worker online',
    });
    expect((await status()).worker).toEqual({ mode: 'bullmq', status: 'online', count: 1 });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    const sse = readEvents(server.url);
    cleanups.push(() => sse.close());
    await waitFor(() => sse.events.some((e) => e.event === 'status'), {
      ...WAIT,
      what: 'the first SSE status event',
    });

    const started = await fetch(`${server.url}/api/bot/action`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ action: 'start', job_type: 'test_cooperative' }),
    });
    expect(started.status).toBe(202);
    const { run } = (await started.json()) as { run: { id: string } };

    // Counters and log lines written by the worker's run process reach the server's SSE.
    await waitFor(
      () =>
        sse.events.some(
          (e) =>
            e.event === 'run' &&
            e.data.id === run.id &&
            e.data.status === 'running' &&
            e.data.messages_sent! > 0,
        ),
      { ...WAIT, what: `an SSE run event of ${run.id} with a message sent` },
    );
    await waitFor(
      () =>
        sse.events.some(
          (e) => e.event === 'log' && e.data.run_id === run.id && /started/.test(e.data.message ?? ''),
        ),
      { ...WAIT, what: `the SSE 'started' log of ${run.id}` },
    );
    const pid = (await runPid(schema, run.id)) as number;
    expect(groupAlive(pid)).toBe(true);

    const t0 = performance.now();
    const stop = await fetch(`${server.url}/api/bot/action`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ action: 'stop', run_id: run.id }),
    });
    expect(stop.status).toBe(202);
    const stopped = await waitFor(
      () => sse.events.find((e) => e.event === 'run' && e.data.id === run.id && e.data.status === 'stopped'),
      { ...WAIT, what: `the SSE 'stopped' event of ${run.id}` },
    );
    console.info(`[distributed e2e] stop → SSE 'stopped': ${Math.round(stopped.at - t0)} ms`);
    expect(groupAlive(pid)).toBe(false);
    const final = (await (await fetch(`${server.url}/api/runs/${run.id}`, { headers })).json()) as {
      status: string;
      stopped_by: string;
    };
    expect(final).toMatchObject({ status: 'stopped', stopped_by: 'api_key' });

    worker.kill('SIGTERM');
    expect(await workerExit).toBe(0);
    expect(workerOut).toMatch(/worker \S+ ready/);
    await waitFor(async () => (await status()).worker.status === 'offline', {
      ...WAIT,
      what: 'the worker offline',
    });
  });

  it('an open dashboard shows a run that ended during a Redis outage as ended once Redis is back, without a reload', async () => {
    const schema = `lbb_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
    const prefix = `lbb_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
    await (await createStore({ databaseUrl: PG_URL, pgSchema: schema })).close();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-e2e-outage-'));
    // The server reaches Redis through a proxy the test cuts (the machine's Redis is never stopped).
    const proxy = await startTcpProxy({ port: Number(new URL(REDIS_URL).port || 6379) });
    cleanups.push(async () => {
      await proxy.close();
      const redis = connectRedis(REDIS_URL, 'commands');
      await deleteKeys(redis, prefix).finally(() => closeRedis(redis));
      await dropPgSchema(PG_URL, schema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    const env = {
      DATA_DIR: dataDir,
      QUEUE: 'bullmq',
      DATABASE_URL: `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      REDIS_URL: proxy.url('redis'),
      QUEUE_PREFIX: prefix,
      API_KEY,
      ADMIN_PASSWORD,
      SECRET_KEY: 's'.repeat(40),
      LBB_TEST_JOBS: '1',
    };
    const headers = { 'x-api-key': API_KEY, 'content-type': 'application/json' };
    const server = await startServer(env, 'serve', { ready: 'answering' });
    cleanups.push(async () => {
      await server.close();
    });
    const worker = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), 'worker'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        LOG_LEVEL: 'warn',
        ...env,
        REDIS_URL,
        LBB_WORKER_HEARTBEAT_MS: '500',
      },
      stdio: 'ignore',
    });
    cleanups.push(() => {
      if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    });
    const workerStatus = async () =>
      (
        (await (await fetch(`${server.url}/api/bot/status`, { headers })).json()) as {
          worker: { status: string };
        }
      ).worker.status;
    await waitFor(async () => (await workerStatus()) === 'online', { ...WAIT, what: 'the worker online' });

    const started = await fetch(`${server.url}/api/bot/action`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ action: 'start', job_type: 'test_cooperative' }),
    });
    expect(started.status).toBe(202);
    const { run } = (await started.json()) as { run: { id: string } };
    const runStatus = async () =>
      ((await (await fetch(`${server.url}/api/runs/${run.id}`, { headers })).json()) as { status: string })
        .status;
    await waitFor(async () => (await runStatus()) === 'running', { ...WAIT, what: 'the run running' });

    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const context = await dashboardContext(browser, server.url, { locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/');
    const state = page.getByTestId('bot-state');
    await waitFor(async () => /Active/.test((await state.textContent()) ?? ''), {
      ...WAIT,
      what: 'the dashboard saying Active',
    });
    await markDocument(page);

    proxy.cut();
    await waitFor(async () => (await workerStatus()) === 'offline', { ...WAIT, what: 'the queue seen down' });
    const stop = await fetch(`${server.url}/api/bot/action`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ action: 'stop', run_id: run.id }),
    });
    expect(stop.status).toBe(202);
    // The worker finds the stop in the store and ends the run; its event cannot reach the server.
    await waitFor(async () => (await runStatus()) === 'stopped', { ...WAIT, what: 'the run stopped' });

    proxy.restore();
    let shown: string | null = null;
    await waitFor(
      async () => {
        shown = await state.textContent();
        // Nothing runs any more: the bot is idle (it said "Active" while the run went on).
        return /Idle/.test(shown ?? '');
      },
      { ...WAIT, what: () => `the dashboard saying Idle (it says ${shown})` },
    );
    expect(await sameDocument(page)).toBe(true);
  });
});

/** The run process's pid, as the worker recorded it in the shared store. */
async function runPid(schema: string, runId: string): Promise<number | null> {
  const store = await createStore({ databaseUrl: PG_URL, pgSchema: schema });
  try {
    return (await store.runs.get(runId))?.pid ?? null;
  } finally {
    await store.close();
  }
}
