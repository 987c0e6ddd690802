import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/support/waitFor.ts';
import { findChromium } from '../linkedin/browser.ts';
import type { PageFingerprint } from '../linkedin/fingerprint/pageProbe.ts';
import { createSandboxApp } from './server.ts';
import type { SandboxState } from './state.ts';
import { type SandboxBrowser, startSandboxBrowser } from './testing.ts';

const HEADLESS_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.8078.114 Safari/537.36';

interface Visitor {
  id: string;
  path: string;
  dest: string;
  headers: Record<string, string>;
  page: PageFingerprint | null;
  tells: { code: string; message: string }[];
  notes: { code: string }[];
}

describe('the fingerprint check over HTTP', () => {
  let app: FastifyInstance;
  let state: SandboxState;
  beforeEach(() => {
    ({ app, state } = createSandboxApp());
  });
  afterEach(async () => {
    await app.close();
  });

  const visitors = async (query = '') =>
    (await app.inject({ url: `/__sandbox/fingerprint${query}` })).json().visitors as Visitor[];

  it('records each page’s request headers (never its cookies) and gives the page its reporter', async () => {
    const cookie = `li_at=${state.sessionToken}`;
    for (const variant of ['default', 'sdui'] as const) {
      state.setFaults({ dom_variant: variant });
      const res = await app.inject({
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
    const json = await app.inject({ url: '/__sandbox/faults' });
    expect(json.body).not.toContain('<script');
    const image = await app.inject({ url: '/feed/', headers: { 'sec-fetch-dest': 'image' } });
    expect(image.body).not.toContain('/__sandbox/fingerprint');
    expect(await visitors()).toEqual([]);
  });

  it('takes what the page saw, and judges it against the timezone asked for', async () => {
    await app.inject({ url: '/login', headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    const [visit] = await visitors();
    const page = {
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/156.0.0.0 Safari/537.36',
      platform: 'Win32',
      webdriver: false,
      userAgentData: null,
      plugins: ['PDF Viewer'],
      mimeTypes: 2,
      windowChrome: true,
      languages: ['fr-FR', 'fr'],
      timezone: 'UTC',
      locale: 'fr-FR',
      screen: { width: 1920, height: 1080, availWidth: 1920, availHeight: 1040, colorDepth: 24 },
      outer: { width: 1920, height: 1040 },
      inner: { width: 1904, height: 952 },
      devicePixelRatio: 1,
      hardwareConcurrency: 8,
      deviceMemory: 8,
      webgl: null,
    } satisfies PageFingerprint;
    const post = (body: unknown) =>
      app.inject({ method: 'POST', url: '/__sandbox/fingerprint', payload: body as Record<string, unknown> });
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
        const { visitors } = await sandbox.get<{ visitors: Visitor[] }>('/__sandbox/fingerprint');
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
