import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxFaults } from '../../src/linkedin/testing.ts';
import { type SpawnedServer, startServer } from '../support/serverProcess.ts';
import { testSandboxForFile } from '../support/testSandbox.ts';
import { waitFor } from '../support/waitFor.ts';

/**
 * The safety pause end to end: the real server process, its run processes driving Debian's
 * Chromium, the sandbox with LinkedIn's pushback switched on, a file SQLite database in a
 * temporary DATA_DIR that outlives a restart of the server.
 */

const API_KEY = 'e2e-api-key-0123456789';

interface RunAnswer {
  id: string;
  status: string;
  messages_sent: number;
  error: { code: string; message: string; pushback?: string } | null;
}
interface StatusAnswer {
  safety_pause: { reason: string; since: string; run_id: string } | null;
}

const sandbox = testSandboxForFile();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** The product as `serve` runs it, over `dataDir`, pointed at the sandbox; its API through fetch. */
async function serve(dataDir: string) {
  const server: SpawnedServer = await startServer({
    DATA_DIR: dataDir,
    API_KEY,
    ADMIN_PASSWORD: 'e2e-admin-password',
    SECRET_KEY: 'p'.repeat(40),
    LINKEDIN_BASE_URL: sandbox.url,
    CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '',
  });
  cleanups.push(() => server.close());
  const api = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: {
        'x-api-key': API_KEY,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  /** A real birthday run (inside or outside the window); its id, or the refusal. */
  const start = () =>
    api('POST', '/api/bot/action', {
      action: 'start',
      job_type: 'birthday',
      dry_run: false,
      options: { force: true },
    });
  const finished = (runId: string) =>
    waitFor(
      async () => {
        const run = (await api('GET', `/api/runs/${runId}`)).body as unknown as RunAnswer;
        return ['succeeded', 'failed', 'stopped', 'interrupted'].includes(run.status) ? run : null;
      },
      { timeoutMs: 120_000, intervalMs: 100, what: `run ${runId} to end` },
    );
  const status = async () => (await api('GET', '/api/bot/status')).body as unknown as StatusAnswer;
  return { server, api, start, finished, status };
}
type Served = Awaited<ReturnType<typeof serve>>;

async function setUp(): Promise<{ dataDir: string; product: Served }> {
  // A reset also switches every fault off.
  await sandbox.reset({ seed: 7, contacts: 30, today: 3, late: 1, invitations: 2 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-e2e-pause-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const product = await serve(dataDir);
  const settings = await product.api('PATCH', '/api/settings', {
    delays: { min_seconds: 0, max_seconds: 0 },
    limits: { per_run: 100, daily: 100, weekly: 500 },
  });
  expect(settings.status).toBe(200);
  const cookies = Object.fromEntries((await sandbox.cookies()).map((c) => [c.name, c.value]));
  expect((await product.api('PUT', '/api/linkedin/session', { cookies })).status).toBe(200);
  return { dataDir, product };
}

/** Starts a real birthday run with these sandbox faults on, and waits for its end. */
async function runWith(product: Served, faults: SandboxFaults): Promise<RunAnswer> {
  await sandbox.faults(faults);
  const started = await product.start();
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return product.finished((started.body.run as { id: string }).id);
}

describe('the safety pause end to end', { timeout: 300_000 }, () => {
  it('LinkedIn’s limit warning pauses the account’s bots until a resume, across a server restart', async () => {
    const { dataDir, product } = await setUp();
    const limited = await runWith(product, { rate_limited: true });
    expect(limited).toMatchObject({
      status: 'failed',
      error: { code: 'rate_limited', pushback: 'rate_limited' },
    });
    expect(await sandbox.messages()).toEqual([]);

    const paused = (await product.status()).safety_pause;
    expect(paused).toMatchObject({ reason: 'rate_limited', run_id: limited.id });
    const refused = await product.start();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'account_paused', details: paused } });

    // Even once LinkedIn lifts the limit, and after a restart of the server process.
    await sandbox.faults({ rate_limited: false });
    expect(await product.server.stop()).toBe(0);
    const again = await serve(dataDir);
    expect((await again.status()).safety_pause).toEqual(paused);
    const stillRefused = await again.start();
    expect(stillRefused.status).toBe(409);
    expect(stillRefused.body).toMatchObject({ error: { code: 'account_paused' } });
    const legacy = await again.api('POST', '/bot/start/birthday', { dry_run: true });
    expect(legacy.status).toBe(409);
    const runs = (await again.api('GET', '/api/runs')).body.runs as RunAnswer[];
    expect(runs.map((r) => r.id)).toEqual([limited.id]);

    // The user resumes (the same day: confirmed); the next run goes ahead and wishes.
    const resumed = await again.api('POST', '/api/bot/resume', { confirm: true });
    expect(resumed).toEqual({ status: 200, body: { resumed: paused } });
    expect((await again.status()).safety_pause).toBeNull();
    const started = await again.start();
    expect(started.status).toBe(202);
    const run = await again.finished((started.body.run as { id: string }).id);
    expect(run).toMatchObject({ status: 'succeeded', error: null, messages_sent: 4 });
  });

  it('a checkpoint or a captcha pauses under its own reason; an expired session does not pause', async () => {
    const { product } = await setUp();

    const expired = await runWith(product, { session_expired: true });
    expect(expired.status).toBe('failed');
    expect(expired.error?.code).toBe('auth_required');
    expect(expired.error?.pushback).toBeUndefined();
    expect((await product.status()).safety_pause).toBeNull();

    for (const challenge of ['checkpoint', 'captcha'] as const) {
      const run = await runWith(product, {
        session_expired: false,
        checkpoint: challenge === 'checkpoint',
        captcha: challenge === 'captcha',
      });
      expect(run).toMatchObject({ status: 'failed', error: { code: 'auth_required', pushback: challenge } });
      expect((await product.status()).safety_pause).toMatchObject({ reason: challenge, run_id: run.id });
      expect((await product.start()).body).toMatchObject({ error: { code: 'account_paused' } });
      expect((await product.api('POST', '/api/bot/resume', { confirm: true })).status).toBe(200);
    }
    expect(await sandbox.messages()).toEqual([]);
  });
});
