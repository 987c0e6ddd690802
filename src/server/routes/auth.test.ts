import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { TEST_ADMIN_PASSWORD } from '../testing.ts';

describe('auth routes', () => {
  const t = useTestApp();

  const login = (password: string, ip = '10.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password },
      remoteAddress: ip,
    });

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

  it('marks the cookie Secure behind HTTPS', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
  });

  it('refuses wrong credentials with 401 and the sixth failure in a minute with 429, per IP', async () => {
    expect((await login('nope')).statusCode).toBe(401);
    for (let i = 0; i < 4; i++) expect((await login('nope')).statusCode).toBe(401);
    const limited = await login(TEST_ADMIN_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not punished.
    expect((await login(TEST_ADMIN_PASSWORD, '10.0.0.2')).statusCode).toBe(200);
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
