import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../../test/support/waitFor.ts';
import { loadConfig } from '../config/env.ts';
import { DEFAULT_ACCOUNT_ID } from '../domain.ts';
import { createLogger } from '../logger.ts';
import { createContext } from '../processes/server.ts';
import { buildApp } from '../server/app.ts';
import { ManualClock } from '../server/testing.ts';

/** Restartable server over one DATA_DIR, with an injected clock. */
async function boot(dataDir: string, clock: ManualClock) {
  const config = loadConfig({
    DATA_DIR: dataDir,
    API_KEY: 'test-api-key-0123456789',
    ADMIN_PASSWORD: 'admin-password-1',
    SECRET_KEY: 's'.repeat(40),
    LBB_TEST_JOBS: '1',
  });
  const ctx = await createContext(config, { clock, logger: createLogger('silent') });
  const app = await buildApp(ctx);
  const headers = { 'x-api-key': 'test-api-key-0123456789' };
  return {
    ctx,
    status: async () =>
      (await app.inject({ method: 'GET', url: '/api/bot/status', headers })).json() as {
        auto_run: { enabled: boolean; next_run_at: string | null; timezone: string };
      },
    patch: (payload: object) => app.inject({ method: 'PATCH', url: '/api/settings', headers, payload }),
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}

const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone });

describe('auto-run scheduler', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-sched-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('survives a restart and plans inside the window on a DST change day, in the settings timezone', async () => {
    // 2026-03-29 01:30 Paris (CET): clocks jump from 02:00 to 03:00 this night.
    const clock = new ManualClock('2026-03-29T00:30:00.000Z');
    let server = await boot(dir, clock);
    expect((await server.status()).auto_run).toMatchObject({ enabled: false, next_run_at: null });
    const res = await server.patch({ schedule: { auto_run: true } });
    expect(res.statusCode).toBe(200);
    await server.close();

    server = await boot(dir, clock);
    const { auto_run } = await server.status();
    expect(auto_run.enabled).toBe(true);
    const next = local(auto_run.next_run_at!, 'Europe/Paris');
    expect(next.toISODate()).toBe('2026-03-29');
    expect(next.offset).toBe(120); // summer time by then
    expect(next.toFormat('HH:mm') >= '07:00' && next.toFormat('HH:mm') < '19:00').toBe(true);

    // Another timezone moves the plan with it.
    await server.patch({
      schedule: { timezone: 'America/New_York', window_start: '09:00', window_end: '10:00' },
    });
    const ny = local((await server.status()).auto_run.next_run_at!, 'America/New_York');
    expect(ny.toFormat('HH')).toBe('09');

    await server.patch({ schedule: { auto_run: false } });
    expect((await server.status()).auto_run.next_run_at).toBeNull();
    await server.close();
  });

  it('runs once a day: resumed after the planned minute, it plans a later minute of the window instead of running at once, and not again after a restart', async () => {
    // 18:40 in Paris: whatever minute was planned today has passed, the window is still open.
    const clock = new ManualClock('2026-07-01T16:40:00.000Z');
    let server = await boot(dir, clock);
    await server.patch({ schedule: { auto_run: true } });
    // Deliberate: gives the scheduler time to (wrongly) start a run at once.
    await sleep(300);
    expect(await server.ctx.store.runs.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 10 })).toEqual([]);
    const planned = (await server.status()).auto_run.next_run_at!;
    const at = local(planned, 'Europe/Paris');
    expect(at.toISODate()).toBe('2026-07-01');
    expect(at.toFormat('HH:mm') >= '18:41' && at.toFormat('HH:mm') < '19:00', at.toISO()!).toBe(true);
    // A replan before that minute (here: a setting saved) keeps it.
    clock.advance(30_000);
    await server.patch({ dry_run: true });
    expect((await server.status()).auto_run.next_run_at).toBe(planned);

    // Its minute come, the run starts.
    clock.set(planned);
    await server.ctx.scheduler.replan(DEFAULT_ACCOUNT_ID);
    let scheduled = await waitForScheduledRun(server.ctx);
    expect(scheduled).toMatchObject({ type: 'birthday', trigger: 'schedule', schedule_date: '2026-07-01' });
    await waitFor(
      async () =>
        local((await server.status()).auto_run.next_run_at!, 'Europe/Paris').toISODate() === '2026-07-02',
      { what: "tomorrow's plan" },
    );
    await server.close();

    server = await boot(dir, clock);
    // Deliberate: gives the restarted scheduler time to (wrongly) run the day again.
    await sleep(300);
    const runs = await server.ctx.store.runs.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 10 });
    expect(runs.filter((r) => r.trigger === 'schedule')).toHaveLength(1);
    expect(local((await server.status()).auto_run.next_run_at!, 'Europe/Paris').toISODate()).toBe(
      '2026-07-02',
    );
    scheduled = runs[0]!;
    expect(scheduled.schedule_date).toBe('2026-07-01');
    await server.close();
  });

  it('does not run after the window closes: the next run is tomorrow', async () => {
    const clock = new ManualClock('2026-07-01T17:30:00.000Z'); // 19:30 Paris
    const server = await boot(dir, clock);
    await server.patch({ schedule: { auto_run: true } });
    // Deliberate: gives the scheduler time to (wrongly) start a run after the window.
    await sleep(200);
    expect(await server.ctx.store.runs.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 10 })).toEqual([]);
    const next = local((await server.status()).auto_run.next_run_at!, 'Europe/Paris');
    expect(next.toISODate()).toBe('2026-07-02');
    await server.close();
  });
});

function waitForScheduledRun(ctx: Awaited<ReturnType<typeof createContext>>) {
  return waitFor(async () => (await ctx.store.runs.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 1 }))[0], {
    timeoutMs: 10_000,
    what: 'a scheduled run',
  });
}
