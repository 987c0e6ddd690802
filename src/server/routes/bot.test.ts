import { beforeEach, describe, expect, it } from 'vitest';
import { makeBotStatus } from '../../../test/support/botStatus.ts';
import { useTestApp } from '../../../test/support/testApp.ts';
import { waitFor } from '../../../test/support/waitFor.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { ManualClock, runMeetsPushback, startTestApp } from '../testing.ts';

describe('/api/bot', () => {
  const t = useTestApp();

  const action = (payload: unknown) =>
    t.request({ method: 'POST', url: '/api/bot/action', payload: payload as object });
  const status = async () => (await t.request({ method: 'GET', url: '/api/bot/status' })).json();
  const runStatus = async (id: string) =>
    ((await t.request({ method: 'GET', url: `/api/runs/${id}` })).json() as { status: string }).status;

  it('reports an idle bot with its schedule, worker and session', async () => {
    expect(await status()).toEqual(makeBotStatus());
  });

  it('starts a run (202), refuses a concurrent second start with exactly one 409, stops it (202)', async () => {
    const [a, b] = await Promise.all([
      action({ action: 'start', job_type: 'test_cooperative' }),
      action({ action: 'start', job_type: 'test_cooperative' }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([202, 409]);
    const ok = a.statusCode === 202 ? a : b;
    const refused = a.statusCode === 202 ? b : a;
    const { run } = ok.json() as { run: { id: string; status: string; trigger: string; dry_run: boolean } };
    expect(run).toMatchObject({ status: 'queued', trigger: 'api', dry_run: false });
    expect(refused.json()).toMatchObject({ error: { code: 'already_running', details: { run_id: run.id } } });

    await waitFor(
      async () => (await status()).state === 'running' && (await runStatus(run.id)) === 'running',
      { what: `run ${run.id} running` },
    );
    const s = await status();
    expect(s.running).toBe(true);
    expect(s.active_jobs[0]).toMatchObject({ id: run.id, status: 'running', stale: false });

    const stop = await action({ action: 'stop', run_id: run.id });
    expect(stop.statusCode).toBe(202);
    expect(stop.json()).toEqual({ stopping: [run.id] });
    await waitFor(async () => (await runStatus(run.id)) === 'stopped', { what: `run ${run.id} stopped` });
    const after = await status();
    expect(after).toMatchObject({
      running: false,
      state: 'idle',
      last_run: { id: run.id, status: 'stopped', stopped_by: 'api_key' },
    });

    const nothing = await action({ action: 'stop' });
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json()).toMatchObject({ error: { code: 'no_active_run' } });
  });

  it('takes the dry_run setting when the start omits it; accepts the seed dashboard stop by job_id', async () => {
    const cookie = await t.login();
    await t.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: { cookie },
      payload: { dry_run: true },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/bot/action',
      headers: { cookie },
      payload: { action: 'start', job_type: 'test_cooperative' },
    });
    const { run } = res.json() as { run: { id: string; dry_run: boolean; trigger: string } };
    expect(run).toMatchObject({ dry_run: true, trigger: 'manual' });
    const stop = await t.app.inject({
      method: 'POST',
      url: '/api/bot/action',
      headers: { cookie },
      payload: { action: 'stop', job_id: run.id },
    });
    expect(stop.json()).toEqual({ stopping: [run.id] });
    await waitFor(async () => (await runStatus(run.id)) === 'stopped', { what: `run ${run.id} stopped` });
    const audit = (await t.request({ method: 'GET', url: '/api/audit?action=run.stop' })).json() as {
      entries: { actor_type: string; actor_id: string; target: string }[];
    };
    expect(audit.entries[0]).toMatchObject({ actor_type: 'user', actor_id: 'admin', target: run.id });
  });

  it('refuses bad input with 400 naming the field, and starts nothing', async () => {
    const cases: [unknown, string][] = [
      [{ action: 'launch' }, 'action'],
      [{ action: 'start', job_type: 'rocket' }, 'job_type'],
      [{ action: 'start', dry_run: 'yes' }, 'dry_run'],
      [{ action: 'start', options: { max_days_late: 99 } }, 'options.max_days_late'],
      [{ action: 'start', options: { teleport: true } }, 'options.teleport'],
      [{ action: 'start', extra: 1 }, 'extra'],
    ];
    for (const [payload, field] of cases) {
      const res = await action(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const body = res.json() as { error: { code: string; details: { fields: Record<string, string> } } };
      expect(body.error.code).toBe('invalid_input');
      if (field) expect(Object.keys(body.error.details.fields).join(' ')).toContain(field);
    }
    expect((await t.request({ method: 'GET', url: '/api/runs' })).json()).toEqual({ runs: [] });
    expect((await t.request({ method: 'GET', url: '/api/runs/latest' })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/runs/nope' })).statusCode).toBe(404);
  });

  it('lists runs newest first with filters and a cursor, and shows a run with its outcomes', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { run } = (
        await action({ action: 'start', job_type: 'test_cooperative', options: { steps: 1, step_ms: 1 } })
      ).json() as {
        run: { id: string };
      };
      ids.push(run.id);
      await waitFor(async () => (await runStatus(run.id)) === 'succeeded', {
        what: `run ${run.id} succeeded`,
      });
    }
    const all = (await t.request({ method: 'GET', url: '/api/runs?limit=2' })).json() as {
      runs: { id: string }[];
    };
    expect(all.runs.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const older = (await t.request({ method: 'GET', url: `/api/runs?before=${ids[1]}` })).json() as {
      runs: { id: string }[];
    };
    expect(older.runs.map((r) => r.id)).toEqual([ids[0]]);
    const none = (await t.request({ method: 'GET', url: '/api/runs?status=failed' })).json() as {
      runs: unknown[];
    };
    expect(none.runs).toEqual([]);
    expect((await t.request({ method: 'GET', url: '/api/runs?limit=0' })).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/runs?status=bogus' })).statusCode).toBe(400);
    const latest = (await t.request({ method: 'GET', url: '/api/runs/latest' })).json() as { id: string };
    expect(latest.id).toBe(ids[2]);
    const detail = (await t.request({ method: 'GET', url: `/api/runs/${ids[0]}` })).json() as {
      outcomes: unknown[];
      messages_sent: number;
    };
    expect(detail).toMatchObject({ messages_sent: 1, outcomes: [] });
  });
});

describe('/api/bot/action outside the daily window', () => {
  it('asks for confirmation (409 outside_window) before wishing outside the window; force starts it', async () => {
    const { ManualClock } = await import('../testing.ts');
    // 22:00 in Paris: outside 07:00–19:00.
    const t = await startTestApp({ clock: new ManualClock('2026-07-01T20:00:00.000Z') });
    try {
      const refused = await t.request({
        method: 'POST',
        url: '/api/bot/action',
        payload: { action: 'start', dry_run: false },
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({
        error: { code: 'outside_window', details: { window_start: '07:00' } },
      });
      expect(await t.ctx.store.runs.listActive()).toEqual([]);
      const dry = await t.request({
        method: 'POST',
        url: '/api/bot/action',
        payload: { action: 'start', dry_run: true },
      });
      expect(dry.statusCode).toBe(202);
      await t.request({ method: 'POST', url: '/api/bot/action', payload: { action: 'stop' } });
      await waitFor(async () => (await t.ctx.store.runs.listActive()).length === 0, {
        timeoutMs: 5000,
        what: 'the dry run to end',
      });
      const forced = await t.request({
        method: 'POST',
        url: '/api/bot/action',
        payload: { action: 'start', dry_run: false, options: { force: true } },
      });
      expect(forced.statusCode).toBe(202);
    } finally {
      await t.close();
    }
  });
});

describe('the safety pause: LinkedIn pushed back, every bot of the account waits for a resume', () => {
  // 12:00 in Paris, inside the daily window.
  const clock = new ManualClock();
  beforeEach(() => clock.set('2026-07-01T10:00:00.000Z'));
  const t = useTestApp({ clock });

  const action = (payload: object, headers?: Record<string, string>) =>
    t.request({ method: 'POST', url: '/api/bot/action', payload, headers });
  const resume = (payload?: object, headers?: Record<string, string>) =>
    t.request({ method: 'POST', url: '/api/bot/resume', ...(payload ? { payload } : {}), headers });
  const status = async () => (await t.request({ method: 'GET', url: '/api/bot/status' })).json();
  const runCount = async () =>
    (await t.ctx.store.runs.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 100 })).length;

  /** A birthday run that ends as the run process reports LinkedIn's limit warning. */
  const runMeetsLimitWarning = () =>
    runMeetsPushback(t.ctx, {
      code: 'rate_limited',
      message: 'LinkedIn shows its limit banner',
      pushback: 'rate_limited',
    });

  it('shows the pause in the status and refuses every start with 409 account_paused, queuing nothing', async () => {
    const runId = await runMeetsLimitWarning();
    const since = clock.now().toISOString();
    const s = await status();
    expect(s.safety_pause).toEqual({ reason: 'rate_limited', since, run_id: runId });
    expect(s.last_run.error).toMatchObject({ code: 'rate_limited', pushback: 'rate_limited' });
    const before = await runCount();

    const refusals = [
      await action({ action: 'start', job_type: 'birthday', dry_run: true }),
      await action({ action: 'start', job_type: 'visitor' }),
      // Outside the window or not, the pause is what the user must hear of.
      await action({ action: 'start', job_type: 'birthday', dry_run: false, options: { force: true } }),
      await t.request({ method: 'POST', url: '/bot/start/birthday', payload: {} }),
      await t.request({ method: 'POST', url: '/bot/start/visitor', payload: { dry_run: false } }),
      await t.request({
        method: 'POST',
        url: '/bot/action',
        payload: { action: 'start', job_type: 'invitations' },
      }),
    ];
    for (const res of refusals) {
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({
        error: {
          code: 'account_paused',
          message: expect.stringMatching(
            new RegExp(`paused since ${since}: LinkedIn showed its limit warning`),
          ),
          details: { reason: 'rate_limited', since, run_id: runId },
        },
      });
    }
    expect(await runCount()).toBe(before);
    expect(await t.ctx.store.runs.listActive(DEFAULT_ACCOUNT_ID)).toEqual([]);
  });

  it('plans no auto-run while paused, and plans again once resumed', async () => {
    await t.request({ method: 'PATCH', url: '/api/settings', payload: { schedule: { auto_run: true } } });
    expect((await status()).auto_run.next_run_at).not.toBeNull();
    await runMeetsLimitWarning();
    await waitFor(async () => (await status()).auto_run.next_run_at === null, {
      what: 'auto-run to plan nothing',
    });
    expect((await status()).auto_run.enabled).toBe(true);
    expect((await resume({ confirm: true })).statusCode).toBe(200);
    expect((await status()).auto_run.next_run_at).not.toBeNull();
  });

  it('a resume the same day needs confirm: true; the resume is audited and starts work again', async () => {
    const runId = await runMeetsLimitWarning();
    const since = clock.now().toISOString();
    clock.advance(3 * 3600_000); // 15:00 in Paris, the same day

    for (const payload of [undefined, {}, { confirm: false }]) {
      const refused = await resume(payload);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({
        error: {
          code: 'confirmation_required',
          details: { reason: 'rate_limited', since, run_id: runId, timezone: 'Europe/Paris' },
        },
      });
    }
    expect((await status()).safety_pause).not.toBeNull();

    const cookie = await t.login();
    const ok = await resume({ confirm: true }, { cookie });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ resumed: { reason: 'rate_limited', since, run_id: runId } });
    expect((await status()).safety_pause).toBeNull();
    const audit = (await t.request({ method: 'GET', url: '/api/audit?action=bot.resume' })).json();
    expect(audit.entries).toMatchObject([
      {
        actor_type: 'user',
        actor_id: 'admin',
        target: runId,
        details: { reason: 'rate_limited', since, confirmed: true },
      },
    ]);
    const paused = (await t.request({ method: 'GET', url: '/api/audit?action=bot.pause' })).json();
    expect(paused.entries).toMatchObject([{ actor_type: 'system', target: runId }]);

    const started = await action({ action: 'start', job_type: 'test_cooperative' });
    expect(started.statusCode).toBe(202);
    await action({ action: 'stop' });

    const again = await resume({ confirm: true });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'not_paused' } });
  });

  it('a pause from an earlier day resumes without confirmation', async () => {
    await runMeetsLimitWarning();
    clock.advance(14 * 3600_000); // 00:00 the next day in Paris
    const res = await resume();
    expect(res.statusCode).toBe(200);
    expect((await status()).safety_pause).toBeNull();
  });

  it('stop still works while paused', async () => {
    const started = await action({ action: 'start', job_type: 'test_cooperative' });
    const { run } = started.json() as { run: { id: string } };
    // A pause recorded while a run is active (another process's run met LinkedIn's limit).
    await t.ctx.store.accountPauses.pauseUnlessPaused({
      account_id: DEFAULT_ACCOUNT_ID,
      reason: 'captcha',
      run_id: 'another-run',
      since: clock.now().toISOString(),
    });
    const stop = await action({ action: 'stop', run_id: run.id });
    expect(stop.statusCode).toBe(202);
    expect(stop.json()).toEqual({ stopping: [run.id] });
    expect((await t.request({ method: 'POST', url: '/bot/stop', payload: {} })).statusCode).toBe(200);
  });
});
