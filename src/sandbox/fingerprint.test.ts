import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/support/waitFor.ts';
import { findChromium } from '../linkedin/browser.ts';
import { desktopChromePage } from '../linkedin/fingerprint/testing.ts';
import type { FingerprintVisitor } from './fingerprint.ts';
import { type SandboxBrowser, startSandboxBrowser, useSandboxApp } from './testing.ts';

const HEADLESS_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.8078.114 Safari/537.36';

describe('the fingerprint check over HTTP', () => {
  const site = useSandboxApp();
  const visitors = async (query = '') =>
    (await site.app.inject({ url: `/__sandbox/fingerprint${query}` })).json()
      .visitors as FingerprintVisitor[];

  it('records each page’s request headers (never its cookies) and gives the page its reporter', async () => {
    const cookie = `li_at=${site.state.sessionToken}`;
    for (const variant of ['default', 'sdui'] as const) {
      site.state.setFaults({ dom_variant: variant });
      const res = await site.app.inject({
        url: '/feed/',
        headers: {
          cookie,
          'user-agent': HEADLESS_UA,
          'sec-fetch-dest': 'document',
          'accept-language': 'en-US',
        },
      });
      expect(res.headers['accept-ch']).toContain('Sec-CH-UA-Full-Version-List');
      const reporter = res.body.lastIndexOf('/__sandbox/fingerprint');
      expect(reporter).toBeGreaterThan(0);
      expect(reporter).toBeLessThan(res.body.lastIndexOf('</body>'));
    }
    const [sdui, old] = await visitors();
    expect(old).toMatchObject({ path: '/feed/', dest: 'document', page: null });
    expect(sdui!.headers).toEqual({
      'user-agent': HEADLESS_UA,
      'sec-fetch-dest': 'document',
      'accept-language': 'en-US',
    });
    expect(sdui!.tells.map((t) => t.code)).toEqual(['headless']);
  });

  it('leaves answers that are not pages alone: no script, no visit', async () => {
    const json = await site.app.inject({ url: '/__sandbox/faults' });
    expect(json.body).not.toContain('<script');
    const image = await site.app.inject({ url: '/feed/', headers: { 'sec-fetch-dest': 'image' } });
    expect(image.body).not.toContain('/__sandbox/fingerprint');
    expect(await visitors()).toEqual([]);
  });

  it('takes what the page saw, and judges it against the timezone asked for', async () => {
    await site.app.inject({
      url: '/login',
      headers: { 'accept-language': 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7' },
    });
    const [visit] = await visitors();
    const page = desktopChromePage({ userAgentData: null, timezone: 'UTC', webgl: null });
    const post = (body: unknown) =>
      site.app.inject({
        method: 'POST',
        url: '/__sandbox/fingerprint',
        payload: body as Record<string, unknown>,
      });
    expect((await post({ visit: visit!.id, page })).statusCode).toBe(204);
    expect((await post({ visit: 'v999', page })).statusCode).toBe(404);
    expect((await post({ visit: visit!.id, page: { userAgent: 1 } })).statusCode).toBe(400);
    const [reported] = await visitors('?timezone=Europe/Paris');
    expect(reported!.page).toEqual(page);
    expect(reported!.tells.map((t) => t.code)).toEqual(['timezone']);
    expect((await visitors())[0]!.tells).toEqual([]);
  });
});

describe('the fingerprint check in a real browser', () => {
  let sandbox: SandboxBrowser;
  beforeAll(async () => {
    sandbox = await startSandboxBrowser();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("names what gives away a browser without the run's identity", async () => {
    const page = await sandbox.loggedInPage();
    await page.goto(`${sandbox.url}/feed/`);
    const visitor = await waitFor(
      async () => {
        const { visitors } = await sandbox.get<{ visitors: FingerprintVisitor[] }>('/__sandbox/fingerprint');
        return visitors.find((v) => v.path === '/feed/' && v.page) ?? null;
      },
      { what: 'the page to report what it sees' },
    );
    const codes = visitor.tells.map((t) => t.code);
    expect(codes).toEqual(expect.arrayContaining(['headless', 'window_size']));
    // The headless shell also lacks what a desktop Chrome has; a full Chromium has it.
    if (/headless-shell/.test(findChromium({ configured: process.env.CHROMIUM_PATH })))
      expect(codes).toEqual(expect.arrayContaining(['no_plugins', 'no_window_chrome']));
    expect(visitor.notes.map((n) => n.code)).toEqual(['software_gpu']);
    expect(visitor.headers['sec-ch-ua']).toContain('HeadlessChrome');
    await sandbox.closePage();
  });
});
