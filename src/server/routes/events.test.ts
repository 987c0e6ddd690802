import { beforeEach, describe, expect, it } from 'vitest';
import { openEvents } from '../../../test/support/sseClient.ts';
import { useTestApp } from '../../../test/support/testApp.ts';
import { waitFor } from '../../../test/support/waitFor.ts';
import { runMeetsPushback } from '../testing.ts';

describe('GET /api/events', () => {
  const t = useTestApp();
  let base: string;
  beforeEach(async () => {
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });

  it('pushes status, run and log events as a run starts and stops, without polling', async () => {
    const sse = openEvents(base, { 'x-api-key': t.apiKey });
    const res = await sse.opened;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/event-stream/);
    await sse.waitFor((e) => e.event === 'status' && e.data.state === 'idle');

    const started = await t.request({
      method: 'POST',
      url: '/api/bot/action',
      payload: { action: 'start', job_type: 'test_cooperative' },
    });
    const runId = (started.json() as { run: { id: string } }).run.id;
    const queued = await sse.waitFor(
      (e) => e.event === 'run' && e.data.id === runId && e.data.status === 'queued',
    );
    expect(queued.data.has_errors).toBe(false);
    await sse.waitFor((e) => e.event === 'status' && e.data.state === 'running');
    await sse.waitFor((e) => e.event === 'run' && e.data.id === runId && Number(e.data.messages_sent) > 0);
    await sse.waitFor(
      (e) => e.event === 'log' && e.data.run_id === runId && /started/.test(String(e.data.message)),
    );

    await t.request({ method: 'POST', url: '/api/bot/action', payload: { action: 'stop' } });
    // Status events carry the latest state: under load a short "stopping" can be merged
    // into the next one, so the stop is followed on the run's own events.
    await sse.waitFor(
      (e) =>
        e.event === 'run' && e.data.id === runId && ['stopping', 'stopped'].includes(String(e.data.status)),
    );
    await sse.waitFor((e) => e.event === 'run' && e.data.id === runId && e.data.status === 'stopped');
    const idle = await sse.waitFor(
      (e) =>
        e.event === 'status' &&
        e.data.state === 'idle' &&
        (e.data.last_run as { id?: string } | null)?.id === runId,
    );
    expect(idle.data.running).toBe(false);

    // Toggling auto-run is a status change too.
    await t.request({ method: 'PATCH', url: '/api/settings', payload: { schedule: { auto_run: true } } });
    await sse.waitFor(
      (e) => e.event === 'status' && (e.data.auto_run as { enabled: boolean }).enabled === true,
    );
    sse.close();
  });

  it('pushes the safety pause in the status when a run meets LinkedIn’s pushback, and its end on resume', async () => {
    const sse = openEvents(base, { 'x-api-key': t.apiKey });
    await sse.opened;
    await sse.waitFor((e) => e.event === 'status' && e.data.safety_pause === null);
    const runId = await runMeetsPushback(t.ctx, {
      code: 'auth_required',
      message: 'redirected to /checkpoint/challenge/x',
      pushback: 'checkpoint',
    });
    const paused = await sse.waitFor(
      (e) =>
        e.event === 'status' && (e.data.safety_pause as { reason?: string } | null)?.reason === 'checkpoint',
    );
    expect(paused.data.safety_pause).toMatchObject({ run_id: runId });
    await t.request({ method: 'POST', url: '/api/bot/resume', payload: { confirm: true } });
    const after = sse.events.indexOf(paused);
    await sse.waitFor(
      (e) => e.event === 'status' && e.data.safety_pause === null && sse.events.indexOf(e) > after,
    );
    sse.close();
  });

  it('releases a client that disconnects', async () => {
    const baseline = t.ctx.bus.listenerCount('log');
    const sse = openEvents(base, { 'x-api-key': t.apiKey });
    await sse.opened;
    await sse.waitFor((e) => e.event === 'status');
    expect(t.ctx.bus.listenerCount('log')).toBe(baseline + 1);
    sse.close();
    await waitFor(() => t.ctx.bus.listenerCount('log') === baseline, {
      timeoutMs: 1000,
      intervalMs: 10,
      what: 'the log listener to be released',
    });
    expect(t.ctx.bus.listenerCount('log')).toBe(baseline);
  });

  it('needs credentials', async () => {
    const sse = openEvents(base, {});
    expect((await sse.opened).statusCode).toBe(401);
    sse.close();
  });
});
