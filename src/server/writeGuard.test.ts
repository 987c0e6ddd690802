import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/support/testApp.ts';
import { TEST_ADMIN_PASSWORD } from './testing.ts';

/** Concrete URL for a route pattern (`:id` → a plausible value). */
const concrete = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => (name === 'id' ? '1' : 'x'));

const HOST = 'localhost:8080';
const OWN = 'http://localhost:8080';

describe('cross-origin writes with the session cookie', () => {
  const t = useTestApp();

  const patchSettings = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: { host: HOST, ...headers },
      payload: { dry_run: true },
    });
  const dryRun = async () =>
    (await t.request({ method: 'GET', url: '/api/settings' })).json().dry_run as boolean;
  const auditActions = async () =>
    (
      (await t.request({ method: 'GET', url: '/api/audit' })).json() as { entries: { action: string }[] }
    ).entries.map((e) => e.action);

  it('refuses a write whose Origin is another site or another port of this machine (403 cross_origin), changing nothing', async () => {
    const cookie = await t.login();
    for (const origin of [
      'http://127.0.0.1:3000', // another port of 127.0.0.1: SameSite ignores ports
      'http://localhost:3000',
      'http://localhost', // port 80 is another server
      'https://localhost:8080', // another scheme
      'http://evil.example',
      'null', // sandboxed frames, file:
      'garbage',
    ]) {
      const res = await patchSettings({ cookie, origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json(), origin).toMatchObject({ error: { code: 'cross_origin' } });
    }
    expect(await dryRun()).toBe(false);
    expect(await auditActions()).not.toContain('settings.update');
  });

  it('refuses it on Sec-Fetch-Site when there is no Origin', async () => {
    const cookie = await t.login();
    for (const site of ['cross-site', 'same-site']) {
      const res = await patchSettings({ cookie, 'sec-fetch-site': site });
      expect(res.statusCode, site).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'cross_origin' } });
    }
    expect(await dryRun()).toBe(false);
  });

  it('accepts our own origins, Sec-Fetch-Site same-origin or none, and clients that send neither', async () => {
    const cookie = await t.login();
    const cases: Record<string, string>[] = [
      { origin: OWN },
      { origin: 'http://127.0.0.1:8080' }, // another of our names, same port
      { origin: 'http://[::1]:8080' },
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      {},
    ];
    for (const headers of cases) {
      const res = await patchSettings({ cookie, ...headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(200);
    }
    expect(await dryRun()).toBe(true);
  });

  it('leaves API-key scripts alone, whatever Origin they carry', async () => {
    const res = await patchSettings({
      'x-api-key': t.apiKey,
      origin: 'http://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(res.statusCode).toBe(200);
    expect(await dryRun()).toBe(true);
  });

  it('refuses a login posted by a foreign page (login CSRF), with no session cookie', async () => {
    const login = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { host: HOST, ...headers },
        payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
      });
    const foreign: Record<string, string>[] = [
      { origin: 'http://127.0.0.1:5555' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of foreign) {
      const res = await login(headers);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'cross_origin' } });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect((await login({ origin: OWN })).statusCode).toBe(200);
  });
});

describe('cross-origin writes behind PUBLIC_URL and PUBLIC_HOSTS', () => {
  const t = useTestApp({
    env: { PUBLIC_URL: 'https://bot.example.org', PUBLIC_HOSTS: 'bot.lan,192.168.1.20:8080' },
  });

  it("accepts PUBLIC_URL's origin (its scheme, even over plain HTTP from the proxy) and PUBLIC_HOSTS' origins", async () => {
    const cookie = await t.login();
    const patch = (host: string, origin: string) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/settings',
        headers: { host, origin, cookie },
        payload: { dry_run: true },
      });
    expect((await patch('bot.example.org', 'https://bot.example.org')).statusCode).toBe(200);
    expect((await patch('bot.lan:8080', 'http://bot.lan:8080')).statusCode).toBe(200);
    expect((await patch('192.168.1.20:8080', 'http://192.168.1.20:8080')).statusCode).toBe(200);
    for (const origin of [
      'https://evil.bot.example.org',
      'http://192.168.1.20:9090',
      'https://bot.example.org:8443',
    ]) {
      expect((await patch('bot.example.org', origin)).statusCode, origin).toBe(403);
    }
    // A name accepted on any port is still one origin per port: another web app of that
    // machine (same site, so the cookie goes along) is refused.
    expect((await patch('bot.lan', 'http://bot.lan')).statusCode).toBe(200);
    for (const origin of ['http://bot.lan:8081', 'http://bot.lan:5000', 'http://192.168.1.20:8081']) {
      expect((await patch('bot.lan:8080', origin)).statusCode, origin).toBe(403);
    }
  });
});

describe('JSON only on writes', () => {
  const t = useTestApp();

  it('answers 415 to text/plain, form and other bodies on every write route, before anything runs', async () => {
    const writes = t.app.routeTable.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
    expect(writes.length).toBeGreaterThan(15);
    const cookie = await t.login();
    for (const route of writes) {
      for (const [type, payload] of [
        ['text/plain', '{"action":"start","job_type":"birthday"}'],
        ['text/plain;charset=UTF-8', 'x'],
        ['application/x-www-form-urlencoded', 'a=1'],
        ['multipart/form-data; boundary=x', '--x--'],
        ['application/jsonx', '{}'],
        ['text/plain', ''],
      ] as const) {
        for (const auth of [{ 'x-api-key': t.apiKey }, { cookie }]) {
          const res = await t.app.inject({
            method: route.method as 'POST',
            url: concrete(route.url),
            headers: { ...auth, 'content-type': type },
            payload,
          });
          // /bot/* and /metrics take the key only: a cookie is refused first.
          if (res.statusCode === 401) continue;
          expect(res.statusCode, `${route.method} ${route.url} ${type}`).toBe(415);
          expect(res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
        }
      }
    }
    // Nothing ran: no session check, no run, no settings change.
    const audit = (await t.request({ method: 'GET', url: '/api/audit' })).json() as {
      entries: { action: string }[];
    };
    expect(audit.entries.map((e) => e.action).filter((a) => a !== 'auth.login')).toEqual([]);
  });

  it('answers 415 to a body without a Content-Type', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: { 'x-api-key': t.apiKey, 'content-length': '16' },
      payload: '{"dry_run":true}',
    });
    expect(res.statusCode).toBe(415);
  });

  it('accepts application/json (with a charset) and writes with neither body nor Content-Type', async () => {
    const cookie = await t.login();
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: { 'x-api-key': t.apiKey, 'content-type': 'application/json; charset=utf-8' },
      payload: '{"dry_run":true}',
    });
    expect(patch.statusCode).toBe(200);
    const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(logout.statusCode).toBe(204);
  });
});
