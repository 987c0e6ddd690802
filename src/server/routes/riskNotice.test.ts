import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { ManualClock } from '../testing.ts';

describe('/api/risk-notice', () => {
  const clock = new ManualClock('2026-07-01T10:00:00.000Z');
  const t = useTestApp({ clock });

  const notice = (method: 'GET' | 'POST', cookie: string) =>
    t.app.inject({ method, url: '/api/risk-notice', headers: { cookie } });

  it('is unacknowledged for a new user, acknowledged once (the first time kept), audited', async () => {
    const cookie = await t.login();
    const before = await notice('GET', cookie);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ acknowledged_at: null });

    const first = await notice('POST', cookie);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ acknowledged_at: '2026-07-01T10:00:00.000Z' });
    clock.advance(60_000);
    expect((await notice('POST', cookie)).json()).toEqual({ acknowledged_at: '2026-07-01T10:00:00.000Z' });
    // Another session of the same user (another browser): acknowledged already.
    expect((await notice('GET', await t.login())).json()).toEqual({
      acknowledged_at: '2026-07-01T10:00:00.000Z',
    });

    const audit = (
      await t.request({ method: 'GET', url: '/api/audit?action=risk_notice.acknowledge' })
    ).json();
    expect(audit.entries).toMatchObject([{ actor_type: 'user', actor_id: 'admin', target: 'linkedin_risk' }]);
  });

  it('belongs to a dashboard user: the API key gets 403 forbidden', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const res = await t.request({ method, url: '/api/risk-notice' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
  });
});
