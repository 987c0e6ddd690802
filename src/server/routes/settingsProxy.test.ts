import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProxy } from '../../config/proxySettings.ts';
import { DEFAULT_IP_CHECK_URL } from '../../contract/networkSettings.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { startTestApp, type TestApp } from '../testing.ts';

/** `network` of `GET/PATCH /api/settings`: the proxy, its write-only password, the IP check URL. */
describe('network settings', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const PASSWORD = 'S3cret-proxy-pass';
  const patch = (network: unknown) =>
    t.request({ method: 'PATCH', url: '/api/settings', payload: { network } as object });
  const network = async () => (await t.request({ method: 'GET', url: '/api/settings' })).json().network;
  const stored = () => loadProxy(t.ctx.store, DEFAULT_ACCOUNT_ID, t.ctx.secretKey, (m) => new Error(m));
  /** Every trace the password could leave: settings rows, answers' bodies, the audit log. */
  const everything = async () =>
    JSON.stringify([
      await t.ctx.store.settings.get(DEFAULT_ACCOUNT_ID, 'settings'),
      await t.ctx.store.settings.get(DEFAULT_ACCOUNT_ID, 'network.proxy_password'),
      await t.ctx.store.audit.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 100 }),
    ]);

  it('is direct with the public IP echo by default', async () => {
    expect(await network()).toEqual({ proxy: null, ip_check_url: DEFAULT_IP_CHECK_URL });
    expect(await stored()).toBeUndefined();
  });

  it('stores the password encrypted and never answers it: password_set instead', async () => {
    const res = await patch({
      proxy: { url: 'http://proxy.example:3128', username: 'ada', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(PASSWORD);
    const expected = { url: 'http://proxy.example:3128', username: 'ada', password_set: true };
    expect(res.json().network.proxy).toEqual(expected);
    expect(await network()).toEqual({ proxy: expected, ip_check_url: DEFAULT_IP_CHECK_URL });
    expect(await stored()).toEqual({
      server: 'http://proxy.example:3128',
      username: 'ada',
      password: PASSWORD,
    });
    expect(await everything()).not.toContain(PASSWORD);

    const [audit] = await t.ctx.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 1,
      action: 'settings.update',
    });
    expect(audit?.details).toMatchObject({
      changed: ['network.proxy', 'network.proxy.password'],
      changes: { 'network.proxy': { old: null, new: expected } },
    });
  });

  it('keeps the password when a patch does not name it, replaces it, and clears it with null', async () => {
    await patch({ proxy: { url: 'https://proxy.example:8443', username: 'ada', password: PASSWORD } });
    expect((await patch({ proxy: { username: 'grace' } })).statusCode).toBe(200);
    expect(await stored()).toEqual({
      server: 'https://proxy.example:8443',
      username: 'grace',
      password: PASSWORD,
    });

    await patch({ proxy: { password: 'another-one' } });
    expect((await stored())?.password).toBe('another-one');
    const audits = await t.ctx.store.audit.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 1 });
    // A new password is a change the audit names, without the value.
    expect(audits[0]?.details).toEqual({ changed: ['network.proxy.password'], changes: {} });

    const cleared = await patch({ proxy: { password: null } });
    expect(cleared.json().network.proxy).toEqual({
      url: 'https://proxy.example:8443',
      username: 'grace',
      password_set: false,
    });
    expect(await stored()).toEqual({ server: 'https://proxy.example:8443', username: 'grace', password: '' });
    expect(await everything()).not.toContain('another-one');
  });

  it('forgets the password with the proxy: a new proxy starts without one', async () => {
    await patch({ proxy: { url: 'http://proxy.example:3128', username: 'ada', password: PASSWORD } });
    expect((await patch({ proxy: null })).json().network.proxy).toBeNull();
    expect(await stored()).toBeUndefined();
    expect(await t.ctx.store.settings.get(DEFAULT_ACCOUNT_ID, 'network.proxy_password')).toBeNull();

    const again = await patch({ proxy: { url: 'http://other.example:8080', username: 'ada' } });
    expect(again.json().network.proxy.password_set).toBe(false);
    expect((await stored())?.password).toBe('');
  });

  it('forgets the password when the proxy moves to another server without a new one', async () => {
    await patch({ proxy: { url: 'http://proxy.example:3128', username: 'ada', password: PASSWORD } });
    // The same server written again keeps it.
    await patch({ proxy: { url: 'http://proxy.example:3128' } });
    expect((await stored())?.password).toBe(PASSWORD);

    const moved = await patch({ proxy: { url: 'http://elsewhere.example:3128' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().network.proxy).toEqual({
      url: 'http://elsewhere.example:3128',
      username: 'ada',
      password_set: false,
    });
    expect(await stored()).toEqual({
      server: 'http://elsewhere.example:3128',
      username: 'ada',
      password: '',
    });

    // A new server with its own password keeps that one.
    await patch({ proxy: { url: 'http://third.example:8080', password: 'third-pass' } });
    expect((await stored())?.password).toBe('third-pass');
  });

  it('asks for the password again when SECRET_KEY changed since it was stored', async () => {
    await patch({ proxy: { url: 'http://proxy.example:3128', username: 'ada', password: PASSWORD } });
    const otherKey = 'y'.repeat(40);
    const unreadable = (message: string) => Object.assign(new Error(message), { code: 'proxy_failed' });
    await expect(loadProxy(t.ctx.store, DEFAULT_ACCOUNT_ID, otherKey, unreadable)).rejects.toMatchObject({
      code: 'proxy_failed',
      message: expect.stringMatching(/cannot be decrypted \(SECRET_KEY changed\?\): set it again/),
    });
  });

  it('accepts socks5 without credentials and explains why not with them', async () => {
    const socks = await patch({ proxy: { url: 'socks5://127.0.0.1:1080' } });
    expect(socks.statusCode).toBe(200);
    expect(await stored()).toEqual({ server: 'socks5://127.0.0.1:1080' });

    const withUser = await patch({ proxy: { username: 'ada' } });
    expect(withUser.statusCode).toBe(400);
    expect(withUser.json().error.details.fields['network.proxy.username']).toMatch(
      /Chromium cannot authenticate to a SOCKS proxy/,
    );
    const withPassword = await patch({ proxy: { password: PASSWORD } });
    expect(withPassword.statusCode).toBe(400);
    expect(withPassword.json().error.details.fields['network.proxy.password']).toMatch(/SOCKS/);
    expect(withPassword.body).not.toContain(PASSWORD);

    // An authenticated http proxy turned into socks5 must shed its credentials on the way.
    await patch({ proxy: { url: 'http://proxy.example:3128', username: 'ada', password: PASSWORD } });
    const kept = await patch({ proxy: { url: 'socks5://proxy.example:1080' } });
    expect(kept.statusCode).toBe(400);
    const shed = await patch({
      proxy: { url: 'socks5://proxy.example:1080', username: null, password: null },
    });
    expect(shed.json().network.proxy).toEqual({
      url: 'socks5://proxy.example:1080',
      username: null,
      password_set: false,
    });
  });

  it('answers 400 naming the field, and changes nothing, for a proxy Chromium cannot use', async () => {
    await patch({ proxy: { url: 'http://proxy.example:3128', username: 'ada', password: PASSWORD } });
    const before = await network();
    const cases: [unknown, string, RegExp][] = [
      [
        { proxy: { url: 'ftp://proxy.example:21' } },
        'network.proxy.url',
        /http:\/\/, https:\/\/ or socks5:\/\//,
      ],
      [{ proxy: { url: 'proxy.example:3128' } }, 'network.proxy.url', /http:\/\/, https:\/\/ or socks5/],
      [{ proxy: { url: 'http://ada:pw@proxy.example:3128' } }, 'network.proxy.url', /credentials/],
      [{ proxy: { url: 'http://proxy.example:3128/path' } }, 'network.proxy.url', /without a path/],
      [{ proxy: { url: 'not a url' } }, 'network.proxy.url', /must be a URL/],
      [{ proxy: { username: 'a:b' } }, 'network.proxy.username', /":"/],
      [{ proxy: { username: null } }, 'network.proxy.username', /needed with a password/],
      [{ proxy: { password: 42 } }, 'network.proxy.password', /string/],
      [{ proxy: { password: '' } }, 'network.proxy.password', /.+/],
      [{ proxy: { password_set: false } }, 'network.proxy.password_set', /Read-only/],
      [{ proxy: { url: 'http://proxy.example:3128', colour: 'blue' } }, 'network.proxy.colour', /Unknown/],
      [{ ip_check_url: 'ftp://echo.example/' }, 'network.ip_check_url', /http/],
      [{ ip_check_url: 'nope' }, 'network.ip_check_url', /http/],
    ];
    for (const [body, field, message] of cases) {
      const res = await patch(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(res.json().error.details.fields[field], JSON.stringify(body)).toMatch(message);
    }
    // A valid change beside an invalid password is not saved either.
    const mixed = await patch({ proxy: { url: 'http://new.example:1', password: 7 } });
    expect(mixed.statusCode).toBe(400);
    expect(await network()).toEqual(before);
    expect((await stored())?.password).toBe(PASSWORD);
  });

  it('takes back the settings document as GET answered it (password_set unchanged), and keeps the password', async () => {
    await patch({ proxy: { url: 'http://proxy.example:3128', username: 'ada', password: PASSWORD } });
    const document = (await t.request({ method: 'GET', url: '/api/settings' })).json();
    const res = await t.request({
      method: 'PATCH',
      url: '/api/settings',
      payload: { ...document, dry_run: !document.dry_run },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().dry_run).toBe(!document.dry_run);
    expect(res.json().network).toEqual(document.network);
    expect((await stored())?.password).toBe(PASSWORD);
    // Only a password_set that says otherwise is refused: it is not how a password is set.
    const claimed = await patch({ proxy: { password_set: false } });
    expect(claimed.statusCode).toBe(400);
    expect(claimed.json().error.details.fields['network.proxy.password_set']).toMatch(/Read-only/);
    expect((await stored())?.password).toBe(PASSWORD);
  });

  it('takes any http(s) IP echo', async () => {
    const res = await patch({ ip_check_url: 'http://127.0.0.1:8090/__sandbox/ip' });
    expect(res.statusCode).toBe(200);
    expect(res.json().network).toEqual({ proxy: null, ip_check_url: 'http://127.0.0.1:8090/__sandbox/ip' });
  });
});
