import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/support/testApp.ts';
import { loadConfig } from '../config/env.ts';
import { missingHostsHint } from './ownHosts.ts';

/** A request to a listening server with a Host header of our choosing (fetch would not send it). */
function getWithHost(port: number, path: string, host: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { ...headers, host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the Host allowlist (DNS rebinding)', () => {
  const t = useTestApp();

  it('answers 421 with the JSON error to a foreign name on the API, the dashboard and /docs, before auth', async () => {
    for (const url of [
      '/api/settings',
      '/api/bot/status',
      '/',
      '/overview',
      '/docs',
      '/docs/json',
      '/bot/status',
      '/nope',
    ]) {
      for (const host of ['evil.example:80', 'evil.example', '127.0.0.1.evil.example:80', 'localhost.:80']) {
        const res = await t.app.inject({ method: 'GET', url, headers: { host, 'x-api-key': t.apiKey } });
        expect(res.statusCode, `${url} ${host}`).toBe(421);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.json()).toMatchObject({ error: { code: 'misdirected_request' } });
      }
    }
    // A write from a rebound page changes nothing either.
    const cookie = await t.login();
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: { host: 'evil.example:8080', cookie, origin: 'http://evil.example:8080' },
      payload: { dry_run: true },
    });
    expect(res.statusCode).toBe(421);
    const settings = await t.request({ method: 'GET', url: '/api/settings' });
    expect(settings.json().dry_run).toBe(false);
  });

  it('answers /health whatever the Host (container health checks)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { host: 'container-7f3a:8080' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it('accepts loopback names only on the port it listens on', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const key = { 'x-api-key': t.apiKey };
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await getWithHost(port, '/api/bot/status', host, key)).status, host).toBe(200);
    }
    for (const host of [`127.0.0.1:${port + 1}`, 'localhost', `evil.example:${port}`]) {
      const res = await getWithHost(port, '/api/bot/status', host, key);
      expect(res.status, host).toBe(421);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'misdirected_request' } });
    }
  });
});

describe('the Host allowlist with PUBLIC_URL and PUBLIC_HOSTS', () => {
  const t = useTestApp({
    env: { PUBLIC_URL: 'https://bot.example.org', PUBLIC_HOSTS: 'bot.lan, 192.168.1.20:8080, [fd00::20]' },
  });
  const status = async (host: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/bot/status', headers: { host, 'x-api-key': t.apiKey } }))
      .statusCode;

  it("accepts PUBLIC_URL's host (with its port or none) and PUBLIC_HOSTS (a port only where the entry names one)", async () => {
    for (const host of [
      'bot.example.org',
      'bot.example.org:443',
      'Bot.Example.Org',
      'bot.lan',
      'bot.lan:8080',
      'bot.lan:3000',
      '192.168.1.20:8080',
      '[fd00::20]:8080',
      'localhost:8080',
    ]) {
      expect(await status(host), host).toBe(200);
    }
    for (const host of [
      'bot.example.org:8443',
      'example.org',
      'evil.bot.lan',
      '192.168.1.20:9090',
      '192.168.1.21:8080',
      'evil.example',
    ]) {
      expect(await status(host), host).toBe(421);
    }
  });
});

describe('the start-up hint', () => {
  it('names the setting to add when HOST is not loopback and no public name is set', () => {
    expect(missingHostsHint(loadConfig({ HOST: '0.0.0.0' }))).toMatch(/PUBLIC_HOSTS.*PUBLIC_URL/);
    expect(missingHostsHint(loadConfig({ HOST: '::' }))).toMatch(/PUBLIC_HOSTS/);
    expect(missingHostsHint(loadConfig({ HOST: '192.168.1.20' }))).toMatch(/PUBLIC_HOSTS/);
    expect(missingHostsHint(loadConfig({ HOST: '0.0.0.0', PUBLIC_HOSTS: 'bot.lan' }))).toBeNull();
    expect(
      missingHostsHint(loadConfig({ HOST: '0.0.0.0', PUBLIC_URL: 'https://bot.example.org' })),
    ).toBeNull();
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1']) {
      expect(missingHostsHint(loadConfig({ HOST: host })), host).toBeNull();
    }
  });
});

describe('a loopback name on another port (an SSH tunnel, a mapped container port)', () => {
  const t = useTestApp({ env: { PUBLIC_HOSTS: 'localhost:18080' } });

  it('is accepted when PUBLIC_HOSTS names it, and only that port', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const key = { 'x-api-key': t.apiKey };
    expect((await getWithHost(port, '/api/bot/status', 'localhost:18080', key)).status).toBe(200);
    expect((await getWithHost(port, '/api/bot/status', 'localhost:18081', key)).status).toBe(421);
    expect((await getWithHost(port, '/api/bot/status', '127.0.0.1:18080', key)).status).toBe(421);
  });
});
