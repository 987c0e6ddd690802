import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/support/testApp.ts';
import { DASHBOARD_CSP } from './routes/dashboard.ts';

const COMMON = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** The CSP directives of an answer, by name. */
function cspOf(headers: Record<string, unknown>): Map<string, string> {
  const value = String(headers['content-security-policy'] ?? '');
  return new Map(
    value
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', ...rest] = d.split(/\s+/);
        return [name, rest.join(' ')] as const;
      }),
  );
}

describe('security headers on every answer', () => {
  const t = useTestApp();

  it('sets nosniff, no-referrer, DENY and frame-ancestors none on JSON, pages, /docs, errors and 404s', async () => {
    const cookie = await t.login();
    const key = { 'x-api-key': t.apiKey };
    const answers = {
      json: await t.request({ method: 'GET', url: '/api/settings' }),
      dashboard: await t.app.inject({ method: 'GET', url: '/' }),
      clientRoute: await t.app.inject({ method: 'GET', url: '/runs/12' }),
      docs: await t.app.inject({ method: 'GET', url: '/docs', headers: { cookie } }),
      docsSlash: await t.app.inject({ method: 'GET', url: '/docs/', headers: { cookie } }),
      openapi: await t.app.inject({ method: 'GET', url: '/docs/json', headers: key }),
      docsAsset: await t.app.inject({
        method: 'GET',
        url: '/docs/static/swagger-ui-bundle.js',
        headers: key,
      }),
      metrics: await t.app.inject({ method: 'GET', url: '/metrics', headers: key }),
      health: await t.app.inject({ method: 'GET', url: '/health' }),
      unauthorized: await t.app.inject({ method: 'GET', url: '/api/settings' }),
      notFound: await t.request({ method: 'GET', url: '/api/nope' }),
      methodNotAllowed: await t.request({ method: 'DELETE', url: '/api/settings' }),
      invalidJson: await t.app.inject({
        method: 'PATCH',
        url: '/api/settings',
        headers: { ...key, 'content-type': 'application/json' },
        payload: '{',
      }),
      // Fails in the router, before any hook runs.
      badUrl: await t.request({ method: 'GET', url: '/api/runs/%ZZ' }),
      misdirected: await t.app.inject({
        method: 'GET',
        url: '/api/settings',
        headers: { ...key, host: 'evil.example' },
      }),
      crossOrigin: await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie, origin: 'http://evil.example' },
      }),
    };
    const statuses = Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.statusCode]));
    expect(statuses).toEqual({
      json: 200,
      dashboard: 200,
      clientRoute: 200,
      docs: 200,
      docsSlash: 200,
      openapi: 200,
      docsAsset: 200,
      metrics: 200,
      health: 200,
      unauthorized: 401,
      notFound: 404,
      methodNotAllowed: 405,
      invalidJson: 400,
      badUrl: 400,
      misdirected: 421,
      crossOrigin: 403,
    });
    for (const [name, res] of Object.entries(answers)) {
      expect(res.headers, name).toMatchObject(COMMON);
      expect(cspOf(res.headers).get('frame-ancestors'), name).toBe("'none'");
    }
    // Answers that are not pages load nothing at all.
    for (const name of ['json', 'unauthorized', 'notFound', 'misdirected', 'health'] as const) {
      expect(cspOf(answers[name].headers).get('default-src'), name).toBe("'none'");
    }
    // The dashboard keeps its own policy (the built app is same-origin scripts only).
    expect(answers.dashboard.headers['content-security-policy']).toBe(DASHBOARD_CSP);
  });

  it("gives /docs a CSP that allows Swagger UI's own same-origin scripts and nothing inline", async () => {
    const res = await t.request({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    const csp = cspOf(res.headers);
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('connect-src')).toBe("'self'");
    // No inline script in the page: every script is a file of this server, and it is served.
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    const scripts = [...res.body.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const src of scripts) {
      expect(src, src).toMatch(/^\.?\//);
      const asset = await t.request({ method: 'GET', url: new URL(src, 'http://localhost/docs/').pathname });
      expect(asset.statusCode, src).toBe(200);
      expect(asset.headers['content-type'], src).toMatch(/javascript/);
    }
  });

  it('sets them on the live event stream too', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/events`, {
      headers: { 'x-api-key': t.apiKey },
      signal: abort.signal,
    });
    try {
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      for (const [name, value] of Object.entries(COMMON)) expect(res.headers.get(name), name).toBe(value);
    } finally {
      abort.abort();
    }
  });
});
