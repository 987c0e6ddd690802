import { createHash, randomBytes } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEvents, type SseClient } from '../../../test/support/sseClient.ts';
import { useTestApp } from '../../../test/support/testApp.ts';
import { waitFor } from '../../../test/support/waitFor.ts';
import { STREAMS_PER_CLIENT } from '../liveStreams.ts';
import { startTestApp } from '../testing.ts';

/** The bounds and the lifetime of live event streams (`GET /api/events`). */
describe('live event streams', () => {
  const t = useTestApp();
  let base: string;
  const open: SseClient[] = [];
  beforeEach(async () => {
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(() => {
    for (const sse of open.splice(0)) sse.close();
  });

  const stream = async (headers: Record<string, string>, localAddress?: string) => {
    const sse = openEvents(base, headers, { localAddress });
    open.push(sse);
    const res = await sse.opened;
    return { sse, status: res.statusCode };
  };
  const refusal = async (sse: SseClient) => {
    const res = await sse.opened;
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(await sse.body()).toMatchObject({ error: { code: 'rate_limited' } });
    // Nothing is held open for a refused stream.
    await sse.waitForEnd();
  };

  it('refuses a session its 11th stream with 429, from any address, and takes a new one once one closes', async () => {
    const cookie = await t.login();
    const streams: SseClient[] = [];
    for (let i = 0; i < STREAMS_PER_CLIENT; i++) {
      const { sse, status } = await stream({ cookie }, '127.0.0.1');
      expect(status).toBe(200);
      streams.push(sse);
    }
    // Another address is no way around the session's bound...
    await refusal((await stream({ cookie }, '127.0.0.2')).sse);
    // ...while another session from that address gets its stream.
    expect((await stream({ cookie: await t.login() }, '127.0.0.2')).status).toBe(200);

    streams[0]?.close();
    const reopened = await waitFor(
      async () => {
        const next = await stream({ cookie }, '127.0.0.1');
        return next.status === 200 && next.sse;
      },
      { what: 'a stream once one of the ten closed' },
    );
    await reopened.waitFor((e) => e.event === 'status');
  });

  it('refuses an address its 11th stream with 429, whatever sessions or key it uses', async () => {
    const holders: Record<string, string>[] = [
      { cookie: await t.login() },
      { cookie: await t.login() },
      { 'x-api-key': t.apiKey },
    ];
    for (let i = 0; i < STREAMS_PER_CLIENT; i++) {
      expect((await stream(holders[i % holders.length] ?? {})).status).toBe(200);
    }
    await refusal((await stream({ cookie: await t.login() })).sse);
    await refusal((await stream({ 'x-api-key': t.apiKey })).sse);
    // Another address is not affected.
    expect((await stream({ 'x-api-key': t.apiKey }, '127.0.0.2')).status).toBe(200);
  });

  it('ends a session’s streams at its logout, and no other stream', async () => {
    const cookie = await t.login();
    const { sse } = await stream({ cookie });
    const other = (await stream({ cookie: await t.login() })).sse;
    const byKey = (await stream({ 'x-api-key': t.apiKey })).sse;
    await sse.waitFor((e) => e.event === 'status');

    const out = await t.request({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    await sse.waitForEnd();
    const seen = sse.events.length;

    // Later events reach the other streams, not the ended one.
    await t.request({ method: 'PATCH', url: '/api/settings', payload: { schedule: { auto_run: true } } });
    const enabled = (e: { event: string; data: Record<string, unknown> }) =>
      e.event === 'status' && (e.data.auto_run as { enabled: boolean }).enabled === true;
    await other.waitFor(enabled);
    await byKey.waitFor(enabled);
    expect(sse.events.length).toBe(seen);
    expect(other.ended || byKey.ended).toBe(false);
    // Its reconnection is refused.
    expect((await stream({ cookie })).status).toBe(401);
  });

  it('keeps a session’s stream when its logout could not be saved (the audit log failing)', async () => {
    const cookie = await t.login();
    const { sse } = await stream({ cookie });
    await sse.waitFor((e) => e.event === 'status');
    const raw = new SqliteDatabase(t.ctx.config.databaseUrl);
    raw.exec(
      "create trigger audit_down before insert on audit_log begin select raise(abort, 'audit down'); end",
    );
    try {
      const out = await t.request({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
      expect(out.statusCode).toBe(500);
    } finally {
      raw.exec('drop trigger audit_down');
      raw.close();
    }
    // The session lives: its stream still gets what happens next.
    await t.request({ method: 'PATCH', url: '/api/settings', payload: { schedule: { auto_run: true } } });
    await sse.waitFor(
      (e) => e.event === 'status' && (e.data.auto_run as { enabled: boolean }).enabled === true,
    );
    expect(sse.ended).toBe(false);
  });

  it('ends a user’s streams when their password changes', async () => {
    const { sse } = await stream({ cookie: await t.login() });
    await sse.waitFor((e) => e.event === 'status');
    expect(await t.ctx.auth.setPassword('admin', 'a-new-password-2')).toBe(true);
    await sse.waitForEnd();
  });

  it('ends a stream when its session expires', async () => {
    const admin = await t.ctx.store.users.findByUsername('admin');
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    await t.ctx.store.authSessions.create({
      token_hash: createHash('sha256').update(token).digest('hex'),
      user_id: admin!.id,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + 2000).toISOString(),
    });
    const { sse, status } = await stream({ cookie: `lbb_session=${token}` });
    expect(status).toBe(200);
    await sse.waitFor((e) => e.event === 'status');
    await sse.waitForEnd();
  });
});

describe('a live event stream whose session another process ends', () => {
  const keepAlive = process.env.LBB_SSE_KEEPALIVE_MS;
  beforeEach(() => {
    // The stream re-checks its session at each keep-alive beat: beat fast.
    process.env.LBB_SSE_KEEPALIVE_MS = '50';
  });
  afterEach(() => {
    if (keepAlive === undefined) delete process.env.LBB_SSE_KEEPALIVE_MS;
    else process.env.LBB_SSE_KEEPALIVE_MS = keepAlive;
  });

  it('ends when the session is deleted from the store (`user set-password` in another process)', async () => {
    const t = await startTestApp();
    try {
      const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const sse = openEvents(base, { cookie: await t.login() });
      try {
        expect((await sse.opened).statusCode).toBe(200);
        await sse.waitFor((e) => e.event === 'status');
        const admin = await t.ctx.store.users.findByUsername('admin');
        await t.ctx.store.authSessions.deleteForUser(admin!.id);
        await sse.waitForEnd();
      } finally {
        sse.close();
      }
    } finally {
      await t.close();
    }
  });
});
