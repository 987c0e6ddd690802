import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { DEVICE_COOKIE } from '../../auth/deviceCookie.ts';
import { createLogger } from '../../logger.ts';
import { ManualClock, startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../testing.ts';

describe('auth routes', () => {
  const t = useTestApp();

  const loginAs = (username: string, password: string, ip = '10.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress: ip,
    });
  const login = (password: string, ip = '10.0.0.1') => loginAs('admin', password, ip);

  it('logs in with a httpOnly SameSite=Strict cookie, knows who you are, logs out', async () => {
    const res = await login(TEST_ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const cookie = `${res.cookies[0]!.name}=${res.cookies[0]!.value}`;
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ actor: { type: 'user', id: 'admin' } });

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
    const audit = await t.request({ method: 'GET', url: '/api/audit' });
    const actions = (audit.json() as { entries: { action: string }[] }).entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.logout']));
  });

  it('marks the cookie Secure behind HTTPS only when the proxy saying so is trusted', async () => {
    const behindProxy = { 'x-forwarded-proto': 'https' };
    const untrusted = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
      headers: behindProxy,
    });
    expect(untrusted.statusCode).toBe(200);
    expect(String(untrusted.headers['set-cookie'])).not.toMatch(/Secure/);
    const setups: Record<string, string>[] = [
      { TRUST_PROXY: '127.0.0.1' },
      { PUBLIC_URL: 'https://bot.example.org' },
    ];
    for (const env of setups) {
      const other = await startTestApp({ env });
      try {
        const res = await other.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
          headers: env.PUBLIC_URL
            ? { host: 'bot.example.org', origin: 'https://bot.example.org' }
            : behindProxy,
        });
        expect(res.statusCode, JSON.stringify(env)).toBe(200);
        expect(String(res.headers['set-cookie']), JSON.stringify(env)).toMatch(/Secure/);
      } finally {
        await other.close();
      }
    }
  });

  it('refuses wrong credentials with 401 and the sixth failure in a minute with 429, per username + address', async () => {
    expect((await login('nope')).statusCode).toBe(401);
    for (let i = 0; i < 4; i++) expect((await login('nope')).statusCode).toBe(401);
    const limited = await login(TEST_ADMIN_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not punished.
    expect((await login(TEST_ADMIN_PASSWORD, '10.0.0.2')).statusCode).toBe(200);
    // Nor another username from the same address; `Admin` is `admin` for the limiter.
    expect((await loginAs('someone-else', 'nope', '10.0.0.1')).statusCode).toBe(401);
    expect((await loginAs('ADMIN', 'nope', '10.0.0.1')).statusCode).toBe(429);
  });

  it('lets at most 5 of 40 parallel wrong passwords reach the password check, 2 at a time; the rest get 429', async () => {
    let checks = 0;
    let inFlight = 0;
    let mostInFlight = 0;
    const verify = t.ctx.auth.verifyCredentials.bind(t.ctx.auth);
    vi.spyOn(t.ctx.auth, 'verifyCredentials').mockImplementation(async (username, password) => {
      checks += 1;
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      try {
        return await verify(username, password);
      } finally {
        inFlight -= 1;
      }
    });
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(`wrong-${i}`)));
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(35);
    expect(checks).toBe(5);
    expect(mostInFlight).toBeLessThanOrEqual(2);
    const limited = answers.find((r) => r.statusCode === 429)!;
    expect(limited.json()).toMatchObject({
      error: { code: 'rate_limited', details: { retry_after_seconds: expect.any(Number) } },
    });
    expect(Number(limited.headers['retry-after'])).toBe(limited.json().error.details.retry_after_seconds);
  });

  it('gives a successful attempt back: logging in again and again never locks the user out', async () => {
    for (let i = 0; i < 4; i++) expect((await login('nope')).statusCode).toBe(401);
    for (let i = 0; i < 8; i++) expect((await login(TEST_ADMIN_PASSWORD)).statusCode).toBe(200);
    expect((await login('nope')).statusCode).toBe(401);
    expect((await login('nope')).statusCode).toBe(429);
  });

  it('writes failed logins and lockouts to the audit log and the server log, never the password', async () => {
    const guess = 'Tr0ub4dor&3-guess';
    for (let i = 0; i < 6; i++) await login(guess);
    const audit = await t.request({ method: 'GET', url: '/api/audit' });
    const entries = (audit.json() as { entries: AuditRow[] }).entries;
    expect(entries.filter((e) => e.action === 'auth.login_failed')).toHaveLength(5);
    expect(entries.find((e) => e.action === 'auth.login_failed')).toMatchObject({
      target: 'admin',
      details: { ip: '10.0.0.1' },
    });
    expect(entries.filter((e) => e.action === 'auth.login_limited')).toEqual([
      expect.objectContaining({ target: 'admin', details: { ip: '10.0.0.1', scope: 'address' } }),
    ]);
    expect(audit.body).not.toContain(guess);
  });

  it('validates the login body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { code: 'invalid_input', details: { fields: { password: expect.any(String) } } },
    });
  });
});

interface AuditRow {
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
}

const deviceCookieOf = (res: LightMyRequestResponse) => {
  const cookie = res.cookies.find((c) => c.name === DEVICE_COOKIE);
  if (!cookie) throw new Error('no device cookie');
  return cookie;
};

function loginFrom(
  t: TestApp,
  ip: string,
  password: string,
  opts: { device?: string; forwardedFor?: string } = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password },
    remoteAddress: ip,
    ...(opts.device ? { cookies: { [DEVICE_COOKIE]: opts.device } } : {}),
    ...(opts.forwardedFor ? { headers: { 'x-forwarded-for': opts.forwardedFor } } : {}),
  });
}

const countCodes = (answers: LightMyRequestResponse[]) =>
  answers.reduce<Record<number, number>>((acc, r) => {
    acc[r.statusCode] = (acc[r.statusCode] ?? 0) + 1;
    return acc;
  }, {});

describe('login slowdown per username, and the device cookie', () => {
  // The clock stands still: "slowed" cannot depend on how fast the machine checks passwords.
  const clock = new ManualClock();
  const t = useTestApp({ clock });

  /** 15 wrong passwords at once from 3 strangers' addresses: 10 free failures, then 1 per delay. */
  const strangersBurst = async () =>
    countCodes(
      await Promise.all(
        ['198.51.100.1', '198.51.100.2', '198.51.100.3'].flatMap((ip) =>
          Array.from({ length: 5 }, (_, i) => loginFrom(t, ip, `guess-${i}`)),
        ),
      ),
    );

  it('sets a signed, httpOnly, SameSite=Strict device cookie for a year on a successful login', async () => {
    const res = await loginFrom(t, '192.0.2.10', TEST_ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    const device = deviceCookieOf(res);
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict', maxAge: 365 * 24 * 3600 });
    expect(device.value).not.toContain(TEST_ADMIN_PASSWORD);
  });

  it("slows the username after a stranger's burst, while the admin's own browser logs in at once", async () => {
    const device = deviceCookieOf(await loginFrom(t, '192.0.2.10', TEST_ADMIN_PASSWORD)).value;

    expect(await strangersBurst()).toEqual({ 401: 11, 429: 4 });
    // A fourth address with the right password but no device cookie waits its turn…
    const slowed = await loginFrom(t, '198.51.100.4', TEST_ADMIN_PASSWORD);
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    // …as does a forged device cookie…
    const forged = `${device.slice(0, -4)}AAAA`;
    expect((await loginFrom(t, '198.51.100.4', TEST_ADMIN_PASSWORD, { device: forged })).statusCode).toBe(
      429,
    );
    // …while the admin's browser, wherever it is, gets in.
    expect((await loginFrom(t, '192.0.2.10', TEST_ADMIN_PASSWORD, { device })).statusCode).toBe(200);
    expect((await loginFrom(t, '203.0.113.7', TEST_ADMIN_PASSWORD, { device })).statusCode).toBe(200);

    // A delay, not a lock: once it has passed, the next attempt goes through.
    clock.advance(Number(slowed.headers['retry-after']) * 1000);
    expect((await loginFrom(t, '198.51.100.4', TEST_ADMIN_PASSWORD)).statusCode).toBe(200);
  });

  it('a stolen device cookie gets 5 wrong guesses, then waits like everyone else', async () => {
    const device = deviceCookieOf(await loginFrom(t, '192.0.2.10', TEST_ADMIN_PASSWORD)).value;
    expect(await strangersBurst()).toEqual({ 401: 11, 429: 4 });
    // Each guess from its own address, so only the device's own limit can stop them.
    for (let i = 0; i < 5; i++) {
      expect((await loginFrom(t, `203.0.113.${i + 1}`, 'stolen-guess', { device })).statusCode).toBe(401);
    }
    expect((await loginFrom(t, '203.0.113.99', 'stolen-guess', { device })).statusCode).toBe(429);
  });
});

describe('TRUST_PROXY', () => {
  describe('off (default)', () => {
    const t = useTestApp();

    it('X-Forwarded-For does not change the limiter key', async () => {
      for (let i = 0; i < 5; i++) {
        const res = await loginFrom(t, '10.0.0.1', 'nope', { forwardedFor: `203.0.113.${i + 1}` });
        expect(res.statusCode).toBe(401);
      }
      const res = await loginFrom(t, '10.0.0.1', TEST_ADMIN_PASSWORD, { forwardedFor: '203.0.113.50' });
      expect(res.statusCode).toBe(429);
    });
  });

  for (const setting of ['127.0.0.1', '1']) {
    describe(`TRUST_PROXY=${setting}`, () => {
      const t = useTestApp({ env: { TRUST_PROXY: setting } });

      it("keys the limiter on the proxy's forwarded client address", async () => {
        for (let i = 0; i < 5; i++) {
          const res = await loginFrom(t, '127.0.0.1', 'nope', { forwardedFor: '203.0.113.1' });
          expect(res.statusCode).toBe(401);
        }
        expect((await loginFrom(t, '127.0.0.1', 'nope', { forwardedFor: '203.0.113.1' })).statusCode).toBe(
          429,
        );
        const other = await loginFrom(t, '127.0.0.1', TEST_ADMIN_PASSWORD, { forwardedFor: '203.0.113.2' });
        expect(other.statusCode).toBe(200);
        const audit = await t.request({ method: 'GET', url: '/api/audit?action=auth.login_failed' });
        expect((audit.json() as { entries: AuditRow[] }).entries[0]?.details).toEqual({ ip: '203.0.113.1' });
      });
    });
  }
});

describe('the server log of failed logins', () => {
  const lines: string[] = [];
  const t = useTestApp({
    logger: createLogger('debug', { write: (line: string) => void lines.push(line) }),
  });

  it('names the username and address, never the password', async () => {
    const guess = 'correct-horse-battery-guess';
    for (let i = 0; i < 7; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: guess },
        remoteAddress: '10.0.0.9',
      });
    }
    const log = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log.filter((l) => l.msg === 'failed login')).toEqual(
      Array.from({ length: 5 }, () => expect.objectContaining({ username: 'admin', ip: '10.0.0.9' })),
    );
    expect(log).toContainEqual(
      expect.objectContaining({
        msg: 'login attempts limited',
        username: 'admin',
        ip: '10.0.0.9',
        scope: 'address',
      }),
    );
    expect(lines.join('\n')).not.toContain(guess);
  });
});
