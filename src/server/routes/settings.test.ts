import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../config/settings.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { ManualClock, startTestApp, type TestApp } from '../testing.ts';

describe('settings routes', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const getSettings = async () => {
    const res = await t.request({ method: 'GET', url: '/api/settings' });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const patch = (payload: unknown, headers?: Record<string, string>) =>
    t.request({ method: 'PATCH', url: '/api/settings', payload: payload as object, headers });

  it('saves nothing when the change cannot be audited: no change goes unrecorded', async () => {
    expect((await patch({ dry_run: true })).statusCode).toBe(200);
    // The database itself refuses audit entries from now on (a full disk, a broken table…).
    const raw = new SqliteDatabase(t.ctx.config.databaseUrl);
    raw.exec(
      "create trigger audit_down before insert on audit_log begin select raise(abort, 'audit down'); end",
    );
    raw.close();
    const res = await patch({
      dry_run: false,
      limits: { daily: 3 },
      network: { proxy: { url: 'http://proxy.example:3128', username: 'ada', password: 'pw' } },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('internal_error');
    const after = await getSettings();
    expect(after.dry_run).toBe(true);
    expect(after.limits.daily).toBe(DEFAULT_SETTINGS.limits.daily);
    expect(after.network.proxy).toBeNull();
    expect(await t.ctx.store.settings.get(DEFAULT_ACCOUNT_ID, 'network.proxy_password')).toBeNull();
    // A fresh read of the database agrees with what the server answers.
    expect(await t.ctx.store.settings.get(DEFAULT_ACCOUNT_ID, 'settings')).toMatchObject({ dry_run: true });
  });

  it('strips control characters and bidi overrides from its text', async () => {
    const res = await patch({
      visitor: { keywords: ['c\u202eto', 'rust\u0000\u2028go'], location: 'Par\u0085is\u2066' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().visitor).toEqual({ keywords: ['cto', 'rust go'], location: 'Paris' });
    expect((await getSettings()).visitor).toEqual({ keywords: ['cto', 'rust go'], location: 'Paris' });
    expect((await patch({ visitor: { keywords: ['\u202e\u0000'] } })).statusCode).toBe(400);
  });

  it('returns the defaults before anything is saved', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('deep-merges a partial patch, persists it and returns the full settings', async () => {
    const res = await patch({ limits: { daily: 20 }, visitor: { keywords: ['cto', 'rust'] } });
    expect(res.statusCode).toBe(200);
    const expected = {
      ...DEFAULT_SETTINGS,
      limits: { ...DEFAULT_SETTINGS.limits, daily: 20 },
      visitor: { ...DEFAULT_SETTINGS.visitor, keywords: ['cto', 'rust'] },
    };
    expect(res.json()).toEqual(expected);
    expect(await getSettings()).toEqual(expected);

    // Arrays replace rather than merge.
    await patch({ visitor: { keywords: ['go'] } });
    expect((await getSettings()).visitor.keywords).toEqual(['go']);
  });

  it('rejects invalid values naming each field by dotted path, and saves nothing', async () => {
    await patch({ limits: { weekly: 50 } });
    const res = await patch({
      dry_run: true,
      limits: { daily: -1 },
      schedule: { timezone: 'Mars/Olympus' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('invalid_input');
    expect(Object.keys(body.error.details.fields).sort()).toEqual(['limits.daily', 'schedule.timezone']);

    const after = await getSettings();
    expect(after.dry_run).toBe(false);
    expect(after.limits).toEqual({ ...DEFAULT_SETTINGS.limits, weekly: 50 });
    expect(after.schedule.timezone).toBe('Europe/Paris');
  });

  it('gives every refused field a code with its parameters, beside the English sentence', async () => {
    const bad = {
      limits: { daily: 5000, weekly: null, per_run: 1.5 },
      delays: { min_seconds: 200 },
      schedule: { window_start: '7h', timezone: 'Mars/Olympus' },
      visitor: { location: 'x'.repeat(101), keywords: [''] },
      invitations: { withdraw_after_days: 0 },
      birthday: { process_today: 'yes' },
    };
    const res = await patch({ ...bad, delays_typo: 1 });
    expect(res.statusCode).toBe(400);
    // An unknown key is refused before anything else is looked at.
    expect(res.json().error.details).toEqual({
      fields: { delays_typo: 'Unknown setting' },
      field_errors: { delays_typo: { code: 'unknown_field' } },
    });

    const invalid = await patch(bad);
    expect(invalid.statusCode).toBe(400);
    const details = invalid.json().error.details;
    expect(details.field_errors).toEqual({
      'limits.daily': { code: 'too_big', maximum: 1000, inclusive: true, origin: 'number' },
      'limits.weekly': { code: 'required' },
      'limits.per_run': { code: 'invalid_type', expected: 'int', format: 'safeint' },
      'delays.max_seconds': { code: 'max_below_min' },
      'schedule.window_start': { code: 'invalid_time' },
      'schedule.timezone': { code: 'invalid_timezone' },
      // '7h' sorts after the window's end.
      'schedule.window_end': { code: 'window_end_before_start' },
      'visitor.location': { code: 'too_big', maximum: 100, inclusive: true, origin: 'string' },
      'visitor.keywords.0': { code: 'too_small', minimum: 1, inclusive: true, origin: 'string' },
      'invitations.withdraw_after_days': { code: 'too_small', minimum: 1, inclusive: true, origin: 'number' },
      'birthday.process_today': { code: 'invalid_type', expected: 'boolean' },
    });
    // The English sentences stay for API users, for the same paths.
    expect(Object.keys(details.fields).sort()).toEqual(Object.keys(details.field_errors).sort());
    expect(details.fields['delays.max_seconds']).toBe('max_seconds must be >= min_seconds');
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);

    const window = await patch({ schedule: { window_start: '20:00' } });
    expect(window.json().error.details.field_errors).toEqual({
      'schedule.window_end': { code: 'window_end_before_start' },
    });
  });

  it("codes the proxy's problems too, never echoing the password", async () => {
    const res = await patch({
      network: { proxy: { url: 'ftp://proxy.example:21', username: null, password: 'a\u0001b' } },
    });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details;
    expect(details.field_errors).toMatchObject({
      'network.proxy.url': { code: 'proxy_scheme' },
      'network.proxy.password': { code: 'control_characters' },
    });
    expect(JSON.stringify(details)).not.toContain('a\u0001b');
    const readOnly = await patch({ network: { proxy: { url: 'http://p.example:1', password_set: true } } });
    expect(readOnly.json().error.details.field_errors).toMatchObject({
      'network.proxy.password_set': { code: 'read_only' },
    });
  });

  it('validates the merged document (cross-field rules see the stored values)', async () => {
    const res = await patch({ schedule: { window_end: '06:00' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toHaveProperty(['schedule.window_end']);

    const delays = await patch({ delays: { min_seconds: 200 } });
    expect(delays.statusCode).toBe(400);
    expect(delays.json().error.details.fields).toHaveProperty(['delays.max_seconds']);
    expect((await getSettings()).delays).toEqual(DEFAULT_SETTINGS.delays);
  });

  it('rejects unknown keys at any depth, naming them', async () => {
    const res = await patch({ limits: { daily: 5, hourly: 3 }, colour: 'blue' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual({
      'limits.hourly': 'Unknown setting',
      colour: 'Unknown setting',
    });
    expect((await getSettings()).limits.daily).toBe(DEFAULT_SETTINGS.limits.daily);

    const proto = await t.request({
      method: 'PATCH',
      url: '/api/settings',
      headers: { 'x-api-key': t.apiKey, 'content-type': 'application/json' },
      payload: '{"__proto__":{"dry_run":true}}',
    });
    expect(proto.statusCode).toBe(400);
    expect((await getSettings()).dry_run).toBe(false);
  });

  it('rejects a body that is not an object', async () => {
    for (const payload of [[1, 2], 'text', 42]) {
      const res = await t.request({
        method: 'PATCH',
        url: '/api/settings',
        headers: { 'x-api-key': t.apiKey, 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    const scalarForObject = await patch({ limits: 5 });
    expect(scalarForObject.statusCode).toBe(400);
    expect(scalarForObject.json().error.details.fields).toHaveProperty(['limits']);
  });

  it('audits the change with the actor, the changed paths and old/new values', async () => {
    const cookie = await t.login();
    const res = await patch({ limits: { daily: 25 }, dry_run: true }, { cookie });
    expect(res.statusCode).toBe(200);
    const audit = await t.ctx.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 10,
      action: 'settings.update',
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_type: 'user',
      actor_id: 'admin',
      details: {
        changed: ['dry_run', 'limits.daily'],
        changes: { dry_run: { old: false, new: true }, 'limits.daily': { old: 15, new: 25 } },
      },
    });
  });

  it('does not audit or save a patch that changes nothing', async () => {
    const res = await patch({ limits: { daily: DEFAULT_SETTINGS.limits.daily } });
    expect(res.statusCode).toBe(200);
    expect(
      await t.ctx.store.audit.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 10, action: 'settings.update' }),
    ).toEqual([]);
  });

  it('emits a status event and replans when the schedule changes', async () => {
    await t.close();
    // 05:00 in Paris: before the window, so the planned run lies ahead and nothing starts now.
    t = await startTestApp({ clock: new ManualClock('2025-06-15T03:00:00.000Z') });
    const statuses: string[] = [];
    t.ctx.bus.on('status', (accountId) => statuses.push(accountId));
    expect(t.ctx.scheduler.nextRunAt(DEFAULT_ACCOUNT_ID)).toBeNull();

    const res = await patch({ schedule: { auto_run: true } });
    expect(res.statusCode).toBe(200);
    expect(statuses).toContain(DEFAULT_ACCOUNT_ID);
    const next = t.ctx.scheduler.nextRunAt(DEFAULT_ACCOUNT_ID);
    expect(next! >= '2025-06-15T05:00:00.000Z' && next! < '2025-06-15T17:00:00.000Z').toBe(true);

    const status = await t.request({ method: 'GET', url: '/api/bot/status' });
    expect(status.json().auto_run.enabled).toBe(true);
    expect(status.json().auto_run.next_run_at).toBe(t.ctx.scheduler.nextRunAt(DEFAULT_ACCOUNT_ID));

    await patch({ schedule: { auto_run: false } });
    expect(t.ctx.scheduler.nextRunAt(DEFAULT_ACCOUNT_ID)).toBeNull();
  });

  it('keeps both of two concurrent patches', async () => {
    const [a, b] = await Promise.all([patch({ limits: { daily: 7 } }), patch({ limits: { weekly: 70 } })]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const limits = (await getSettings()).limits;
    expect(limits.daily).toBe(7);
    expect(limits.weekly).toBe(70);
  });
});
