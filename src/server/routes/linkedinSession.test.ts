import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheOwnerOf, lockAccountCache } from '../../bots/browserCache.ts';
import { loadLinkedInCookies } from '../../bots/storedCookies.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { parseSessionInput } from '../../linkedin/sessionCookies.ts';
import { browserOf, userAgentProblem } from '../../linkedin/userAgent.ts';
import { SessionCheckError } from '../../runner/sessionCheck.ts';
import { ManualClock, startTestApp, type TestApp } from '../testing.ts';

const LI_AT = 'AQEDAR-secret-li-at-value-0123456789abcdef';
const JSESSIONID = '"ajax:8123456789012345678"';
const NOW = new Date('2025-06-15T10:00:00.000Z');
const inAYear = NOW.getTime() / 1000 + 365 * 86400;
const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('parseSessionInput', () => {
  it('accepts a cookie map, flat cookies, a Playwright storage state and a cookie list', () => {
    const map = parseSessionInput({ cookies: { li_at: LI_AT, JSESSIONID } }, NOW);
    const flat = parseSessionInput({ li_at: ` ${LI_AT} `, JSESSIONID }, NOW);
    const state = parseSessionInput(
      {
        cookies: [
          {
            name: 'li_at',
            value: LI_AT,
            domain: '.www.linkedin.com',
            path: '/',
            expires: inAYear,
            httpOnly: true,
            secure: true,
            sameSite: 'None',
          },
          {
            name: 'JSESSIONID',
            value: JSESSIONID,
            domain: '.www.linkedin.com',
            path: '/',
            expires: -1,
            httpOnly: false,
            secure: true,
            sameSite: 'None',
          },
          {
            name: 'NID',
            value: 'google',
            domain: '.google.com',
            path: '/',
            expires: inAYear,
            httpOnly: true,
            secure: true,
            sameSite: 'Lax',
          },
        ],
        origins: [{ origin: 'https://www.linkedin.com', localStorage: [] }],
      },
      NOW,
    );
    const list = parseSessionInput(
      [
        {
          name: 'li_at',
          value: LI_AT,
          domain: '.linkedin.com',
          expirationDate: inAYear + 0.5,
          hostOnly: false,
          sameSite: 'no_restriction',
          storeId: '0',
        },
      ],
      NOW,
    );
    for (const [parsed, format] of [
      [map, 'cookie_map'],
      [flat, 'flat'],
      [state, 'storage_state'],
      [list, 'cookie_list'],
    ] as const) {
      expect(parsed.ok, format).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.format).toBe(format);
      const liAt = parsed.cookies.find((c) => c.name === 'li_at');
      expect(liAt).toMatchObject({
        value: LI_AT,
        domain: '.linkedin.com',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'None',
      });
      expect(parsed.cookies.every((c) => c.domain === '.linkedin.com')).toBe(true);
    }
    if (state.ok) {
      expect(state.cookies.map((c) => c.name)).toEqual(['li_at', 'JSESSIONID']);
      expect(state.cookies[0]!.expires).toBe(Math.floor(inAYear));
    }
    if (list.ok) expect(list.cookies[0]!.expires).toBe(Math.floor(inAYear));
  });

  it('names the field and never echoes a value', () => {
    const cases: [unknown, string][] = [
      [{ cookies: { JSESSIONID } }, 'cookies.li_at'],
      [{ cookies: { li_at: '' } }, 'cookies.li_at'],
      [{ li_at: '   ' }, 'li_at'],
      [{ JSESSIONID }, 'li_at'],
      [{ li_at: 42 }, 'li_at'],
      [{ li_at: `${LI_AT};path=/` }, 'li_at'],
      [{ 'bad name': LI_AT, li_at: LI_AT }, 'bad name'],
      [{ cookies: { li_at: LI_AT }, origins: [] }, 'origins'],
      [
        {
          cookies: [
            { name: 'li_at', value: LI_AT, domain: '.linkedin.com', expires: NOW.getTime() / 1000 - 60 },
          ],
        },
        'cookies.0.expires',
      ],
      [{ cookies: [{ name: 'li_at', value: LI_AT, domain: '.evil.com' }] }, 'cookies'],
      [{ cookies: [{ name: 'li_at' }] }, 'cookies.0.value'],
      [{ cookies: 'li_at' }, 'cookies'],
      [[], 'body'],
      ['li_at', 'body'],
    ];
    for (const [input, field] of cases) {
      const parsed = parseSessionInput(input, NOW);
      expect(parsed.ok, JSON.stringify(input)).toBe(false);
      if (parsed.ok) continue;
      expect(Object.keys(parsed.fields), JSON.stringify(input)).toContain(field);
      expect(JSON.stringify(parsed.fields)).not.toContain(LI_AT);
    }
  });
});

describe('user agents', () => {
  it('names the browser family and major version', () => {
    expect(browserOf(CHROME_UA)).toEqual({ family: 'Chrome', major: 131 });
    expect(browserOf(`${CHROME_UA} Edg/130.0.2849.80`)).toEqual({ family: 'Edge', major: 130 });
    expect(browserOf(`${CHROME_UA} OPR/115.0.0.0`)).toEqual({ family: 'Opera', major: 115 });
    expect(browserOf('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toEqual({
      family: 'Firefox',
      major: 133,
    });
    expect(
      browserOf(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      ),
    ).toEqual({ family: 'Safari', major: 18 });
    expect(browserOf('curl/8.5.0')).toBeNull();
  });

  it('accepts a desktop browser’s user agent only', () => {
    expect(userAgentProblem(CHROME_UA)).toBeNull();
    for (const bad of [
      42,
      '',
      'curl/8.5.0',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      `${CHROME_UA}\u0007`,
      `${CHROME_UA} ${'x'.repeat(600)}`,
    ]) {
      expect(userAgentProblem(bad), String(bad)).not.toBeNull();
    }
  });

  it('is taken beside the cookies of the object forms, validated, and named in errors', () => {
    const state = parseSessionInput(
      {
        cookies: [{ name: 'li_at', value: LI_AT, domain: '.linkedin.com' }],
        origins: [],
        user_agent: ` ${CHROME_UA} `,
      },
      NOW,
    );
    expect(state).toMatchObject({ ok: true, format: 'storage_state', userAgent: CHROME_UA });
    const map = parseSessionInput({ cookies: { li_at: LI_AT }, user_agent: CHROME_UA }, NOW);
    expect(map).toMatchObject({ ok: true, format: 'cookie_map', userAgent: CHROME_UA });
    const flat = parseSessionInput({ li_at: LI_AT, user_agent: CHROME_UA }, NOW);
    expect(flat).toMatchObject({ ok: true, format: 'flat', userAgent: CHROME_UA });
    if (flat.ok) expect(flat.cookies.map((c) => c.name)).toEqual(['li_at']);
    expect(parseSessionInput({ li_at: LI_AT }, NOW)).toMatchObject({ ok: true, userAgent: null });
    const bad = parseSessionInput({ li_at: LI_AT, user_agent: 'python-requests/2.32' }, NOW);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fields)).toEqual(['user_agent']);
  });
});

describe('LinkedIn session routes', () => {
  let t: TestApp;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(NOW);
    t = await startTestApp({ clock });
  });
  afterEach(async () => {
    await t.close();
  });

  const get = () => t.request({ method: 'GET', url: '/api/linkedin/session' });
  const put = (payload: unknown, headers?: Record<string, string>) =>
    t.request({ method: 'PUT', url: '/api/linkedin/session', payload: payload as object, headers });
  const auditText = async () =>
    JSON.stringify(await t.ctx.store.audit.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 100 }));

  it('reports "missing" before any session is stored', async () => {
    const res = await get();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'missing',
      checked_at: null,
      updated_at: null,
      cookie_names: [],
      user_agent: null,
      browser: null,
      exit_ip: null,
    });
  });

  it('shows the exit IP the last run read, and whether it differs from the run before', async () => {
    const record = (ip: string, at: string, run: string) =>
      t.ctx.store.exitIps.record({ account_id: DEFAULT_ACCOUNT_ID, ip, checked_at: at, run_id: run });
    await record('203.0.113.7', '2025-06-14T09:00:00.000Z', 'run-a');
    expect((await get()).json().exit_ip).toEqual({
      ip: '203.0.113.7',
      checked_at: '2025-06-14T09:00:00.000Z',
      run_id: 'run-a',
      previous_ip: null,
      previous_checked_at: null,
      changed: false,
    });
    await record('198.51.100.4', '2025-06-15T09:00:00.000Z', 'run-b');
    expect((await get()).json().exit_ip).toMatchObject({
      ip: '198.51.100.4',
      previous_ip: '203.0.113.7',
      changed: true,
    });
    await record('198.51.100.4', '2025-06-16T09:00:00.000Z', 'run-c');
    expect((await get()).json().exit_ip).toMatchObject({ previous_ip: '198.51.100.4', changed: false });
  });

  it('stores cookies encrypted as unchecked, shows names only, and the bots can load them', async () => {
    const cookie = await t.login();
    const res = await put({ cookies: { li_at: LI_AT, JSESSIONID } }, { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(LI_AT);
    expect(res.json()).toEqual({
      status: 'unchecked',
      checked_at: null,
      updated_at: NOW.toISOString(),
      cookie_names: ['li_at', 'JSESSIONID'],
      user_agent: null,
      browser: null,
      exit_ip: null,
    });

    const shown = await get();
    expect(shown.body).not.toContain(LI_AT);
    expect(shown.json()).toEqual(res.json());

    const stored = await t.ctx.store.linkedinSessions.get(DEFAULT_ACCOUNT_ID);
    expect(stored?.encrypted).toBeTruthy();
    expect(stored?.encrypted).not.toContain(LI_AT);
    const cookies = await loadLinkedInCookies(t.ctx.store, DEFAULT_ACCOUNT_ID, t.ctx.secretKey);
    expect(cookies?.find((c) => c.name === 'li_at')).toMatchObject({ value: LI_AT, domain: '.linkedin.com' });
    expect(cookies?.find((c) => c.name === 'JSESSIONID')?.value).toBe(JSESSIONID);
    expect(await loadLinkedInCookies(t.ctx.store, 'other', t.ctx.secretKey)).toBeNull();

    const [entry] = await t.ctx.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 1,
      action: 'linkedin_session.update',
    });
    expect(entry).toMatchObject({
      actor_type: 'user',
      actor_id: 'admin',
      details: { cookie_names: ['li_at', 'JSESSIONID'] },
    });
    expect(await auditText()).not.toContain(LI_AT);
    expect(
      JSON.stringify(await t.ctx.store.logs.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 100 })),
    ).not.toContain(LI_AT);

    const status = await t.request({ method: 'GET', url: '/api/bot/status' });
    expect(status.json().linkedin).toEqual({ session: 'unchecked', checked_at: null });
    expect(status.body).not.toContain(LI_AT);
  });

  it('accepts a Playwright storage state', async () => {
    const res = await put({
      cookies: [
        {
          name: 'li_at',
          value: LI_AT,
          domain: '.www.linkedin.com',
          path: '/',
          expires: -1,
          httpOnly: true,
          secure: true,
          sameSite: 'None',
        },
      ],
      origins: [],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().cookie_names).toEqual(['li_at']);
  });

  it('stores the user agent sent with the cookies, shows it, and audits only its browser and version', async () => {
    const res = await put({
      cookies: [{ name: 'li_at', value: LI_AT, domain: '.www.linkedin.com', path: '/', expires: -1 }],
      origins: [],
      user_agent: CHROME_UA,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'unchecked',
      cookie_names: ['li_at'],
      user_agent: CHROME_UA,
      browser: { family: 'Chrome', major: 131 },
    });
    expect((await get()).json().user_agent).toBe(CHROME_UA);
    expect((await t.ctx.store.linkedinSessions.get(DEFAULT_ACCOUNT_ID))?.user_agent).toBe(CHROME_UA);
    const [entry] = await t.ctx.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 1,
      action: 'linkedin_session.update',
    });
    expect(entry?.details).toEqual({
      format: 'storage_state',
      cookie_names: ['li_at'],
      browser: { family: 'Chrome', major: 131 },
    });
    expect(await auditText()).not.toContain('Windows NT');

    // New cookies from elsewhere: the old browser no longer describes them.
    await put({ li_at: LI_AT });
    expect((await get()).json()).toMatchObject({ user_agent: null, browser: null });

    const bad = await put({ li_at: LI_AT, user_agent: 'Mozilla/5.0 (X11) HeadlessChrome/131.0.0.0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toHaveProperty(['user_agent']);
  });

  it('rejects input without a usable li_at, naming the field, and keeps the stored session', async () => {
    await put({ li_at: LI_AT });
    const before = (await get()).json();
    clock.advance(60_000);
    for (const [payload, field] of [
      [{ cookies: { JSESSIONID } }, 'cookies.li_at'],
      [{ li_at: '' }, 'li_at'],
      [
        { cookies: [{ name: 'li_at', value: `${LI_AT}x`, domain: '.linkedin.com', expires: 1000 }] },
        'cookies.0.expires',
      ],
    ] as const) {
      const res = await put(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(res.json().error.details.fields).toHaveProperty([field]);
      expect(res.body).not.toContain(LI_AT);
    }
    expect((await get()).json()).toEqual(before);
  });

  it('deletes the session (204), then 404', async () => {
    await put({ li_at: LI_AT });
    const statuses: string[] = [];
    t.ctx.bus.on('status', (id) => statuses.push(id));
    const res = await t.request({ method: 'DELETE', url: '/api/linkedin/session' });
    expect(res.statusCode).toBe(204);
    expect(statuses).toEqual([DEFAULT_ACCOUNT_ID]);
    expect((await get()).json().status).toBe('missing');
    const again = await t.request({ method: 'DELETE', url: '/api/linkedin/session' });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('not_found');
    const actions = (await t.ctx.store.audit.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 10 })).map(
      (e) => e.action,
    );
    expect(actions.filter((a) => a === 'linkedin_session.delete')).toHaveLength(1);
  });

  it('keeps the account’s browser cache for the same li_at; another li_at, or deleting the session, deletes it', async () => {
    const browserDir = path.join(t.dataDir, 'browser', DEFAULT_ACCOUNT_ID);
    const cacheSomething = () => {
      const attempt = lockAccountCache(t.dataDir, DEFAULT_ACCOUNT_ID, cacheOwnerOf(LI_AT));
      if (!attempt.ok) throw new Error('cache locked');
      fs.writeFileSync(path.join(attempt.cache.dir, 'index'), 'cached');
      attempt.cache.release();
    };
    await put({ li_at: LI_AT, JSESSIONID });
    cacheSomething();
    // The same login, cookies exported again: the cache is still this member's.
    expect((await put({ li_at: LI_AT, JSESSIONID: '"ajax:1"' })).statusCode).toBe(200);
    expect(fs.existsSync(path.join(browserDir, 'cache', 'index'))).toBe(true);

    expect((await put({ li_at: `${LI_AT}-another-member` })).statusCode).toBe(200);
    expect(fs.existsSync(browserDir)).toBe(false);

    cacheSomething();
    expect((await t.request({ method: 'DELETE', url: '/api/linkedin/session' })).statusCode).toBe(204);
    expect(fs.existsSync(browserDir)).toBe(false);
  });

  it('records the check result with its time, audits it and emits status', async () => {
    const cookie = await t.login();
    const checked: string[] = [];
    let answer: 'valid' | 'expired' = 'valid';
    t.ctx.sessionChecker = {
      async check(accountId) {
        checked.push(accountId);
        return answer;
      },
    };
    const none = await t.request({ method: 'POST', url: '/api/linkedin/session/check' });
    expect(none.statusCode).toBe(404);
    expect(checked).toEqual([]);

    await put({ li_at: LI_AT });
    const statuses: string[] = [];
    t.ctx.bus.on('status', (id) => statuses.push(id));
    clock.advance(5_000);
    const res = await t.request({ method: 'POST', url: '/api/linkedin/session/check', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'valid',
      checked_at: '2025-06-15T10:00:05.000Z',
      cookie_names: ['li_at'],
    });
    expect(res.body).not.toContain(LI_AT);
    expect(checked).toEqual([DEFAULT_ACCOUNT_ID]);
    expect(statuses).toEqual([DEFAULT_ACCOUNT_ID]);
    expect((await get()).json().status).toBe('valid');

    answer = 'expired';
    await t.request({ method: 'POST', url: '/api/linkedin/session/check' });
    expect((await get()).json().status).toBe('expired');
    const status = await t.request({ method: 'GET', url: '/api/bot/status' });
    expect(status.json().linkedin.session).toBe('expired');

    const checks = await t.ctx.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 10,
      action: 'linkedin_session.check',
    });
    expect(checks.map((e) => e.details)).toEqual([{ result: 'expired' }, { result: 'valid' }]);
    expect(checks[1]).toMatchObject({ actor_type: 'user', actor_id: 'admin' });
    expect(await auditText()).not.toContain(LI_AT);
  });

  it('a check finding the session expired records one session_expired per stored session', async () => {
    let answer: 'valid' | 'expired' = 'expired';
    t.ctx.sessionChecker = { check: async () => answer };
    const check = () => t.request({ method: 'POST', url: '/api/linkedin/session/check' });
    const events = async () =>
      (await t.ctx.store.notifications.undispatchedEvents(100)).filter((e) => e.event === 'session_expired');
    await put({ li_at: LI_AT });
    const stored = (await get()).json();
    clock.advance(5_000);
    await check();
    expect(await events()).toEqual([
      expect.objectContaining({
        account_id: DEFAULT_ACCOUNT_ID,
        dedup_key: `session_expired:${DEFAULT_ACCOUNT_ID}:${stored.updated_at}`,
        data: { checked_at: '2025-06-15T10:00:05.000Z', run_id: null, timezone: 'Europe/Paris' },
        created_at: '2025-06-15T10:00:05.000Z',
      }),
    ]);
    // Still expired, or expired again after a valid check: the same session, said once.
    await check();
    answer = 'valid';
    await check();
    answer = 'expired';
    await check();
    expect(await events()).toHaveLength(1);
    // New cookies that expire in turn are news.
    clock.advance(60_000);
    await put({ li_at: `${LI_AT}-new` });
    await check();
    expect((await events()).map((e) => e.dedup_key)).toEqual([
      `session_expired:${DEFAULT_ACCOUNT_ID}:${stored.updated_at}`,
      `session_expired:${DEFAULT_ACCOUNT_ID}:2025-06-15T10:01:05.000Z`,
    ]);
  });

  it('a check finding a session expired earlier whose session_expired was never recorded records it', async () => {
    t.ctx.sessionChecker = { check: async () => 'expired' };
    await put({ li_at: LI_AT });
    const stored = (await get()).json();
    // A run marked it expired, and its process died before anything was told.
    await t.ctx.store.linkedinSessions.setStatus(DEFAULT_ACCOUNT_ID, 'expired', clock.now().toISOString());
    expect(await t.ctx.store.notifications.undispatchedEvents(10)).toEqual([]);
    clock.advance(5_000);
    await t.request({ method: 'POST', url: '/api/linkedin/session/check' });
    await t.request({ method: 'POST', url: '/api/linkedin/session/check' });
    expect(await t.ctx.store.notifications.undispatchedEvents(10)).toEqual([
      expect.objectContaining({
        event: 'session_expired',
        dedup_key: `session_expired:${DEFAULT_ACCOUNT_ID}:${stored.updated_at}`,
        data: { checked_at: '2025-06-15T10:00:05.000Z', run_id: null, timezone: 'Europe/Paris' },
      }),
    ]);
  });

  it('does not label new cookies with the result of a check of the old ones', async () => {
    await put({ li_at: LI_AT });
    t.ctx.sessionChecker = {
      check: async () => {
        clock.advance(1_000);
        await put({ li_at: `${LI_AT}-new` });
        return 'expired';
      },
    };
    const res = await t.request({ method: 'POST', url: '/api/linkedin/session/check' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('unchecked');
    // Nothing expired that is stored: no notification.
    expect(await t.ctx.store.notifications.undispatchedEvents(10)).toEqual([]);
  });

  it('answers 503 with the reason and the screenshot (relative to DATA_DIR) of a failed check', async () => {
    await put({ li_at: LI_AT });
    t.ctx.sessionChecker = {
      check: async () => {
        throw new SessionCheckError(
          'timeout',
          'check-session: page.goto: Timeout 20000ms exceeded.',
          'session-checks/2025-06-15T10-00-00-000Z/check-session-1.png',
        );
      },
    };
    const res = await t.request({ method: 'POST', url: '/api/linkedin/session/check' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toEqual({
      code: 'session_check_failed',
      message:
        'The LinkedIn session check could not complete (LinkedIn did not answer in time): try again later',
      details: {
        reason: 'timeout',
        screenshot: 'session-checks/2025-06-15T10-00-00-000Z/check-session-1.png',
      },
    });
    expect(res.body).not.toContain(t.dataDir);
    expect((await get()).json().status).toBe('unchecked');
  });

  it('answers 503 when the checker fails', async () => {
    await put({ li_at: LI_AT });
    t.ctx.sessionChecker = {
      check: async () => {
        throw new Error('browser crashed');
      },
    };
    const res = await t.request({ method: 'POST', url: '/api/linkedin/session/check' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('session_check_failed');
    expect((await get()).json().status).toBe('unchecked');
  });
});
