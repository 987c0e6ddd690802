import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { waitFor } from '../../../test/support/waitFor.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { seedFinishedRun } from '../testing.ts';

describe('/api/runs: has_errors and nothing_delivered', () => {
  const t = useTestApp();

  const get = async <T>(url: string) => (await t.request({ method: 'GET', url })).json() as T;

  it('derives has_errors on every run object: lists, latest, detail, status', async () => {
    const clean = await seedFinishedRun(t.ctx.store, {
      at: '2025-06-10T09:00:00.000Z',
      counters: { messages_sent: 3, skipped: 1 },
    });
    const withErrors = await seedFinishedRun(t.ctx.store, {
      at: '2025-06-11T09:00:00.000Z',
      counters: { messages_sent: 1, errors: 3 },
    });
    await t.ctx.store.outcomes.add({
      run_id: withErrors.id,
      account_id: DEFAULT_ACCOUNT_ID,
      ts: '2025-06-11T09:00:10.000Z',
      status: 'error',
      error_code: 'timeout',
      reason: 'Timed out',
    });

    const { runs } = await get<{ runs: Record<string, unknown>[] }>('/api/runs');
    expect(runs.map((r) => [r.id, r.status, r.has_errors])).toEqual([
      [withErrors.id, 'succeeded', true],
      [clean.id, 'succeeded', false],
    ]);
    // The whole run object, nothing dropped by the response schema, process details kept inside.
    expect(runs[1]).toEqual({
      id: clean.id,
      account_id: DEFAULT_ACCOUNT_ID,
      type: 'birthday',
      status: 'succeeded',
      trigger: 'manual',
      dry_run: false,
      options: {},
      queued_at: '2025-06-10T09:00:00.000Z',
      started_at: '2025-06-10T09:00:00.000Z',
      ended_at: '2025-06-10T09:00:00.000Z',
      messages_sent: 3,
      skipped: 1,
      errors: 0,
      profiles_visited: 0,
      invitations_withdrawn: 0,
      has_errors: false,
      error: null,
      stopped_by: null,
      progress: {},
      heartbeat_at: '2025-06-10T09:00:00.000Z',
      schedule_date: null,
    });

    expect(await get('/api/runs/latest')).toMatchObject({ id: withErrors.id, has_errors: true });
    const detail = await get<{ has_errors: boolean; outcomes: unknown[] }>(`/api/runs/${withErrors.id}`);
    expect(detail).toMatchObject({
      has_errors: true,
      outcomes: [{ status: 'error', error_code: 'timeout', reason: 'Timed out', run_id: withErrors.id }],
    });
    expect(await get('/api/bot/status')).toMatchObject({ last_run: { id: withErrors.id, has_errors: true } });
  });

  it('a real run whose every attempt failed answers failed nothing_delivered', async () => {
    const started = await t.request({
      method: 'POST',
      url: '/api/bot/action',
      payload: { action: 'start', job_type: 'test_outcomes', dry_run: false, options: { failures: 2 } },
    });
    expect(started.statusCode).toBe(202);
    const { run } = started.json() as { run: { id: string; has_errors: boolean } };
    expect(run.has_errors).toBe(false);
    const final = await waitFor(
      async () => {
        const r = await get<{ status: string; error: unknown; has_errors: boolean }>(`/api/runs/${run.id}`);
        return ['queued', 'running', 'stopping'].includes(r.status) ? null : r;
      },
      { what: `run ${run.id} to end` },
    );
    expect(final).toMatchObject({
      status: 'failed',
      has_errors: true,
      error: {
        code: 'nothing_delivered',
        message:
          'Nothing was delivered: 2 of 2 attempts failed (most often element_not_found: Message button of Contact 2 not found)',
      },
    });
    const failed = await get<{ runs: { id: string }[] }>('/api/runs?status=failed');
    expect(failed.runs.map((r) => r.id)).toEqual([run.id]);
  });

  it('documents has_errors and nothing_delivered in the OpenAPI document', async () => {
    const spec = JSON.stringify(await get('/docs/json'));
    expect(spec).toContain('has_errors');
    expect(spec).toContain('nothing_delivered');
  });
});
