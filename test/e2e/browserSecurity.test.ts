import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../src/linkedin/browser.ts';
import { dashboardContext, sessionCookie } from './dashboardBrowser.ts';
import { type Stack, startStack } from './stack.ts';

/**
 * The edge defences as a browser meets them: /docs under its CSP, a hostile page on another
 * port of 127.0.0.1 posting with the user's cookie, and a rebound name (rebound.test resolved
 * to 127.0.0.1 by Chromium's host resolver rules, as a DNS rebinding attack would).
 */

let stack: Stack;
let browser: Browser;
let base: string;
beforeAll(async () => {
  stack = await startStack({ serve: {} });
  base = stack.url ?? '';
  browser = await chromium.launch({
    executablePath: findChromium({ configured: process.env.CHROMIUM_PATH }),
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP rebound.test 127.0.0.1'],
    timeout: 60_000,
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** CSP violations the page reports (listened to before any of its scripts runs). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(`
    globalThis.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      globalThis.__csp.push(e.effectiveDirective + ' ' + e.blockedURI);
    });
  `);
  return () => page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);
}

describe('in a real browser', () => {
  it('loads the API explorer at /docs under its CSP, without a violation', { timeout: 90_000 }, async () => {
    const context = await dashboardContext(browser, base);
    try {
      const page = await context.newPage();
      const violations = await watchCsp(page);
      const res = await page.goto(`${base}/docs`);
      expect(res?.status()).toBe(200);
      expect(res?.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      await page.locator('.swagger-ui .info .title').filter({ hasText: 'linkedin-birthday-bot' }).waitFor();
      await page.locator('.opblock-summary-path', { hasText: '/api/settings' }).first().waitFor();
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses the writes a page on another port of 127.0.0.1 sends with the cookie', async () => {
    const cookie = await sessionCookie(base);
    const hostile = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      // "Simple" requests: no preflight, the cookie goes along (SameSite ignores ports).
      res.end(`<!doctype html><script>
        const post = (path) => fetch(${JSON.stringify(base)} + path, {
          method: 'POST', mode: 'no-cors', credentials: 'include', body: '{}',
        });
        Promise.allSettled([post('/api/risk-notice'), post('/api/linkedin/session/check')])
          .then(() => post('/api/auth/logout'))
          .finally(() => { document.title = 'done'; });
      </script>`);
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    const context = await dashboardContext(browser, base, { signedIn: cookie });
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${(hostile.address() as AddressInfo).port}/`);
      await page.waitForFunction("document.title === 'done'");
      // The session still works (no logout) and nothing was acknowledged or checked.
      const headers = { cookie: `${cookie.name}=${cookie.value}` };
      const notice = await stack.app.inject({ method: 'GET', url: '/api/risk-notice', headers });
      expect(notice.statusCode).toBe(200);
      expect(notice.json()).toEqual({ acknowledged_at: null });
      const audit = (await stack.api('GET', '/api/audit')).json() as { entries: { action: string }[] };
      const actions = audit.entries.map((e) => e.action);
      for (const action of ['risk_notice.acknowledge', 'linkedin_session.check', 'auth.logout']) {
        expect(actions).not.toContain(action);
      }
    } finally {
      await context.close();
      await new Promise((resolve) => hostile.close(resolve));
    }
  });

  it('answers a rebound name with 421, and the dashboard at 127.0.0.1 normally', async () => {
    const port = new URL(base).port;
    const context = await dashboardContext(browser, base);
    try {
      const page = await context.newPage();
      const rebound = await page.goto(`http://rebound.test:${port}/`);
      expect(rebound?.status()).toBe(421);
      expect(await rebound?.json()).toMatchObject({ error: { code: 'misdirected_request' } });
      const api = await page.goto(`http://rebound.test:${port}/api/bot/status`);
      expect(api?.status()).toBe(421);
      const own = await page.goto(`${base}/`);
      expect(own?.status()).toBe(200);
      await page.locator('h1').first().waitFor();
    } finally {
      await context.close();
    }
  });
});
