import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './testing.ts';

/** Concrete URL for a route pattern (`:id` → a plausible value). */
const concrete = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => (name === 'id' ? '1' : 'x'));

describe('the HTTP surface', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('has the routes of the design', () => {
    const table = t.app.routeTable.map((r) => `${r.method} ${r.url}`);
    for (const route of [
      'GET /health',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'GET /api/auth/me',
      'GET /api/bot/status',
      'POST /api/bot/action',
      'POST /api/bot/resume',
      'GET /api/runs',
      'GET /api/runs/latest',
      'GET /api/runs/:id',
      'GET /api/history',
      'GET /api/logs',
      'GET /api/stats',
      'GET /api/events',
      'GET /api/settings',
      'PATCH /api/settings',
      'GET /api/templates',
      'PUT /api/templates',
      'GET /api/blacklist',
      'POST /api/blacklist',
      'DELETE /api/blacklist/:id',
      'GET /api/linkedin/session',
      'PUT /api/linkedin/session',
      'DELETE /api/linkedin/session',
      'POST /api/linkedin/session/check',
      'POST /api/linkedin/doctor',
      'GET /api/linkedin/doctor/latest',
      'GET /api/linkedin/doctor/latest/files/:name',
      'GET /api/linkedin/doctor/latest/bundle',
      'GET /api/notifications/channels',
      'POST /api/notifications/channels',
      'PATCH /api/notifications/channels/:id',
      'DELETE /api/notifications/channels/:id',
      'POST /api/notifications/channels/:id/test',
      'GET /api/notifications/deliveries',
      'POST /api/notifications/deliveries/:id/resend',
      'GET /api/audit',
      'GET /api/risk-notice',
      'POST /api/risk-notice',
      'POST /api/privacy/forget',
      'GET /bot/status',
      'POST /bot/action',
      'POST /bot/start/birthday',
      'POST /bot/start/visitor',
      'POST /bot/stop',
      'GET /bot/jobs/:id',
      'GET /metrics',
      'GET /docs',
    ]) {
      expect(table).toContain(route);
    }
  });

  it('answers 401 on every route not marked open, without credentials or with a wrong key', async () => {
    const guarded = t.app.routeTable.filter((r) => r.auth !== 'open');
    // Unknown paths under the API prefixes are guarded too (the dashboard catch-all does not open them).
    guarded.push({ method: 'GET', url: '/api/unknown', auth: 'session_or_key' });
    expect(guarded.length).toBeGreaterThan(30);
    for (const route of guarded) {
      for (const headers of [{}, { 'x-api-key': 'wrong-key' }, { cookie: 'lbb_session=forged' }]) {
        const res = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url), headers });
        expect(res.statusCode, `${route.method} ${route.url} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
      }
    }
    const open = t.app.routeTable.filter((r) => r.auth === 'open').map((r) => `${r.method} ${r.url}`);
    // Besides /health and the login: the dashboard's static shell and assets (no data in them).
    expect(open.sort()).toEqual(['GET /', 'GET /*', 'GET /assets/*', 'GET /health', 'POST /api/auth/login']);
  });

  it('keeps /bot/* and /metrics for the API key: a dashboard session is not enough', async () => {
    const cookie = await t.login();
    for (const route of t.app.routeTable.filter((r) => r.auth === 'key')) {
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: concrete(route.url),
        headers: { cookie },
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/bot/status', headers: { cookie } })).statusCode,
    ).toBe(200);
  });

  it('answers the JSON error shape for unknown routes (404) and wrong methods (405)', async () => {
    const missing = await t.request({ method: 'GET', url: '/api/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const wrong = await t.request({ method: 'DELETE', url: '/api/bot/status' });
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow).toContain('GET');
    expect(wrong.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    const wrongParam = await t.request({ method: 'PUT', url: '/api/runs/abc' });
    expect(wrongParam.statusCode).toBe(405);
  });

  it('refuses bodies over 1 MiB (413), non-JSON bodies (415) and broken JSON (400), with no stack trace', async () => {
    const big = await t.request({
      method: 'PATCH',
      url: '/api/settings',
      headers: { 'x-api-key': t.apiKey, 'content-type': 'application/json' },
      payload: JSON.stringify({ visitor: { location: 'x'.repeat(1024 * 1024 + 10) } }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'payload_too_large' } });

    const form = await t.request({
      method: 'POST',
      url: '/api/bot/action',
      headers: { 'x-api-key': t.apiKey, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'action=start',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });

    const broken = await t.request({
      method: 'POST',
      url: '/api/bot/action',
      headers: { 'x-api-key': t.apiKey, 'content-type': 'application/json' },
      payload: '{"action": "start",',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ error: { code: 'invalid_json' } });
    for (const res of [big, form, broken]) expect(res.body).not.toMatch(/at .+\.(ts|js):\d+/);
    // Nothing was started by any of them.
    expect((await t.request({ method: 'GET', url: '/api/runs' })).json()).toEqual({ runs: [] });
  });

  it('serves /health openly, /metrics with the key, and the OpenAPI document', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', db: 'ok', queue: 'ok', version: expect.any(String) });
    const metrics = await t.request({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('lbb_runs_active');
    expect(metrics.body).toContain('lbb_process_resident_memory_bytes');
    const docs = await t.request({ method: 'GET', url: '/docs/json' });
    expect(docs.statusCode).toBe(200);
    const spec = docs.json() as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/bot/action', '/bot/stop', '/api/settings']),
    );
  });
});

describe('the dashboard', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
    t = await startTestApp({ dashboardDir: dir });
  });
  afterAll(async () => t.close());

  it('serves index.html for client routes, uncached, with a strict CSP, without credentials', async () => {
    for (const url of ['/', '/overview', '/runs/123', '/settings?x=1']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('caches hashed assets for a year, and 404s a missing one', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    expect((await t.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
  });

  it('never shadows the API: unknown API paths keep their 401/404/405 JSON answers', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/nope' })).statusCode).toBe(401);
    const missing = await t.request({ method: 'GET', url: '/api/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await t.request({ method: 'GET', url: '/api/bot/action' })).statusCode).toBe(405);
    expect((await t.request({ method: 'PUT', url: '/api/nope' })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/bot/nope' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ status: 'ok' });
  });
});
