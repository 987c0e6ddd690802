import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { waitFor } from '../../../test/support/waitFor.ts';

describe('/bot/* (wire-compatible with the seed backend)', () => {
  const t = useTestApp();

  const post = (url: string, payload?: object) =>
    t.request({ method: 'POST', url, ...(payload ? { payload } : {}) });

  it('starts a birthday job as a dry run unless asked otherwise, and reports it as a job', async () => {
    const res = await post('/bot/start/birthday', { process_late: false });
    expect(res.statusCode).toBe(202);
    const { job_id, status } = res.json() as { job_id: string; status: string };
    expect(status).toBe('queued');
    const run = await t.ctx.store.runs.get(job_id);
    expect(run).toMatchObject({
      type: 'birthday',
      dry_run: true,
      trigger: 'api',
      options: { process_late: false },
    });
    const job = (await t.request({ method: 'GET', url: `/bot/jobs/${job_id}` })).json();
    expect(job).toMatchObject({ id: job_id, type: 'birthday', enqueued_at: expect.any(String) });
    expect((await t.request({ method: 'GET', url: '/bot/jobs/unknown' })).statusCode).toBe(404);
  });

  it('accepts `visit` for the visitor bot, and real sends only when asked', async () => {
    const res = await post('/bot/action', {
      action: 'start',
      job_type: 'visit',
      config: { dry_run: false, limit: 5 },
    });
    expect(res.statusCode).toBe(202);
    const run = await t.ctx.store.runs.get((res.json() as { job_id: string }).job_id);
    expect(run).toMatchObject({ type: 'visitor', dry_run: false, options: { limit: 5 } });
  });

  it('reports status, stops by id, and an emergency stop with nothing running stops nothing', async () => {
    const { job_id } = (
      await post('/bot/action', { action: 'start', job_type: 'test_cooperative' })
    ).json() as {
      job_id: string;
    };
    await waitFor(
      async () =>
        ((await t.request({ method: 'GET', url: '/bot/status' })).json() as { worker_status: string })
          .worker_status === 'working',
      { timeoutMs: 5000, what: "worker_status 'working'" },
    );
    const status = (await t.request({ method: 'GET', url: '/bot/status' })).json();
    expect(status).toMatchObject({
      active_jobs: [{ id: job_id, status: 'running' }],
      queued_jobs: [],
      worker_status: 'working',
    });

    const stop = await post('/bot/stop', { job_id });
    expect(stop.statusCode).toBe(200);
    expect(stop.json()).toEqual({ stopped: [job_id] });
    await waitFor(async () => (await t.ctx.store.runs.get(job_id))?.status === 'stopped', {
      timeoutMs: 5000,
      what: `run ${job_id} stopped`,
    });
    expect((await t.ctx.store.runs.get(job_id))?.status).toBe('stopped');
    const again = await t.request({
      method: 'POST',
      url: '/bot/stop',
      headers: { 'x-api-key': t.apiKey, 'content-type': 'application/json' },
      payload: '',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ stopped: [] });
  });

  it('refuses bad input with 400 and starts nothing', async () => {
    for (const [url, payload] of [
      ['/bot/action', { action: 'fly' }],
      ['/bot/action', { action: 'start' }],
      ['/bot/action', { action: 'start', job_type: 'all' }],
      ['/bot/start/birthday', { max_days_late: -1 }],
      ['/bot/start/visitor', { limit: 'ten' }],
      ['/bot/start/visitor', { process_late: true }],
    ] as const) {
      const res = await post(url, payload);
      expect(res.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'invalid_input' } });
    }
    expect(await t.ctx.store.runs.listActive()).toEqual([]);
  });
});
