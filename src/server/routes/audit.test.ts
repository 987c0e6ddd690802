import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { TEST_ADMIN_PASSWORD } from '../testing.ts';

describe('GET /api/audit', () => {
  const t = useTestApp();

  const audit = async (query = '', headers?: Record<string, string>) => {
    const res = await t.request({ method: 'GET', url: `/api/audit${query}`, headers });
    expect(res.statusCode).toBe(200);
    return res.json().entries as Record<string, unknown>[];
  };

  it('lists what users did through the API, newest first, with the actor', async () => {
    const cookie = await t.login();
    await t.request({
      method: 'PATCH',
      url: '/api/settings',
      payload: { dry_run: true },
      headers: { cookie },
    });
    await t.request({ method: 'POST', url: '/api/blacklist', payload: { name: 'Jane' } });

    const entries = await audit('', { cookie });
    expect(entries.map((e) => e.action)).toEqual(['blacklist.add', 'settings.update', 'auth.login']);
    expect(entries[0]).toMatchObject({ actor_type: 'api_key', actor_id: 'api_key' });
    expect(entries[1]).toMatchObject({
      actor_type: 'user',
      actor_id: 'admin',
      target: 'settings',
      details: { changed: ['dry_run'] },
    });
    expect(entries[1]).toHaveProperty('ts');
    expect(entries[1]).toHaveProperty('id');
    expect(entries[1]).not.toHaveProperty('account_id');
  });

  it('pages with limit/before and filters by action', async () => {
    const actor = { type: 'system' as const, id: 'test' };
    for (let i = 0; i < 60; i++) {
      await t.ctx.audit.record(DEFAULT_ACCOUNT_ID, actor, i % 2 ? 'bot.stop' : 'bot.start', `run-${i}`);
    }
    const first = await audit();
    expect(first).toHaveLength(50);
    expect(first[0]!.target).toBe('run-59');
    const page = await audit(`?limit=3&before=${first[2]!.id}`);
    expect(page.map((e) => e.target)).toEqual(['run-56', 'run-55', 'run-54']);
    const stops = await audit('?action=bot.stop&limit=200');
    expect(stops).toHaveLength(30);
    expect(stops.every((e) => e.action === 'bot.stop')).toBe(true);
    expect(await audit('?action=nothing.like.this')).toEqual([]);
  });

  it('rejects invalid parameters naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['before=0', 'before'],
      ['before=1.5', 'before'],
    ]) {
      const res = await t.request({ method: 'GET', url: `/api/audit?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.details.fields).toHaveProperty([field!]);
    }
  });
});

describe('audited writes when the audit log cannot be written', () => {
  const t = useTestApp();

  it('change nothing: templates, blacklist, LinkedIn session, a run start, forgetting LinkedIn data', async () => {
    const blacklisted = await t.request({ method: 'POST', url: '/api/blacklist', payload: { name: 'Ada' } });
    const { id } = blacklisted.json();
    await t.ctx.store.contacts.upsert({
      account_id: DEFAULT_ACCOUNT_ID,
      slug: 'ada',
      name: 'Ada Lovelace',
      profile_url: 'https://www.linkedin.com/in/ada/',
      updated_at: new Date().toISOString(),
    });
    const state = async () => ({
      contact: await t.ctx.store.contacts.get(DEFAULT_ACCOUNT_ID, 'ada'),
      templates: (await t.request({ method: 'GET', url: '/api/templates' })).json(),
      blacklist: (await t.request({ method: 'GET', url: '/api/blacklist' })).json(),
      session: (await t.request({ method: 'GET', url: '/api/linkedin/session' })).json(),
      runs: await t.ctx.store.runs.listActive(DEFAULT_ACCOUNT_ID),
    });
    const before = await state();
    const raw = new SqliteDatabase(t.ctx.config.databaseUrl);
    raw.exec(
      "create trigger audit_down before insert on audit_log begin select raise(abort, 'audit down'); end",
    );
    raw.close();
    const writes = [
      {
        method: 'PUT',
        url: '/api/templates',
        payload: { today: ['Hi {first_name}'], late: ['Hey {first_name}'] },
      },
      { method: 'POST', url: '/api/blacklist', payload: { name: 'Bob' } },
      { method: 'DELETE', url: `/api/blacklist/${id}` },
      { method: 'PUT', url: '/api/linkedin/session', payload: { li_at: 'AQEDAR-li-at-0123456789' } },
      { method: 'POST', url: '/api/bot/action', payload: { action: 'start', dry_run: true } },
      { method: 'POST', url: '/api/privacy/forget', payload: { confirm: true } },
    ] as const;
    for (const write of writes) {
      const res = await t.request(write);
      expect(res.statusCode, `${write.method} ${write.url}`).toBe(500);
    }
    expect(await state()).toEqual(before);
  });
});

describe('stops and sign-ins when the audit log cannot be written', () => {
  const t = useTestApp();

  it('change nothing: a stop leaves the run queued, a login opens no session, a logout ends none', async () => {
    const cookie = await t.login();
    // Queued and held by no process: a stop would mark it stopping, then end it.
    const run = await t.ctx.store.runs.createIfIdle({
      account_id: DEFAULT_ACCOUNT_ID,
      type: 'birthday',
      trigger: 'manual',
      dry_run: true,
      options: {},
      queued_at: new Date().toISOString(),
    });
    const raw = new SqliteDatabase(t.ctx.config.databaseUrl);
    const sessions = () => (raw.prepare('select count(*) as n from auth_sessions').get() as { n: number }).n;
    const before = sessions();
    raw.exec(
      "create trigger audit_down before insert on audit_log begin select raise(abort, 'audit down'); end",
    );
    try {
      const stop = await t.request({ method: 'POST', url: '/api/bot/action', payload: { action: 'stop' } });
      expect(stop.statusCode).toBe(500);
      expect((await t.ctx.store.runs.get(run!.id))?.status).toBe('queued');

      expect(
        (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode,
      ).toBe(500);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode,
      ).toBe(200);

      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
      });
      expect(login.statusCode).toBe(500);
      expect(login.headers['set-cookie']).toBeUndefined();
      expect(sessions()).toBe(before);
    } finally {
      raw.exec('drop trigger audit_down');
      raw.close();
    }
  });
});
