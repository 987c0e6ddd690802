import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionContext, findChromium, type LaunchedBrowser, launchChromium } from '../browser.ts';
import { startTestSandbox, type TestSandbox } from '../testing.ts';
import { identityReady } from './apply.ts';
import { DEFAULT_BROWSER_IDENTITY } from './browserIdentity.ts';
import { type PageFingerprint, pageProbeExpression } from './pageProbe.ts';

/** The identity on a real Chromium: on the run's page, and on a page LinkedIn opens later. */

let sandbox: TestSandbox;
let launched: LaunchedBrowser;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  launched = await launchChromium({
    executablePath: findChromium({ configured: process.env.CHROMIUM_PATH }),
    processModel: 'single',
  });
});
afterAll(async () => {
  await launched?.server.kill();
  await sandbox?.close();
});

const probe = (page: Page) =>
  page.evaluate(pageProbeExpression({ webgl: false })) as Promise<PageFingerprint>;

describe('the Chrome identity on a browser context', () => {
  it('is what the run’s page and a page it opens both show', async () => {
    const context = await createSessionContext(launched.browser, {
      cookies: await sandbox.cookies(),
      baseUrl: sandbox.url,
      identity: {
        ...DEFAULT_BROWSER_IDENTITY,
        platform: 'macos',
        platformVersion: '15.3.2',
        architecture: 'arm',
      },
      timezoneId: 'America/Montreal',
    });
    const page = await context.newPage();
    await identityReady(page);
    await page.goto(`${sandbox.url}/feed/`);
    const shown = await probe(page);
    expect(shown).toMatchObject({
      platform: 'MacIntel',
      webdriver: false,
      languages: ['fr-CA', 'fr', 'en-US', 'en'],
      // The browser names the zone Montreal is an alias of.
      timezone: 'America/Toronto',
      locale: 'fr-CA',
      hardwareConcurrency: 8,
      deviceMemory: 8,
      windowChrome: true,
      screen: { width: 1920, height: 1080 },
      outer: { width: 1920, height: 1055 },
      inner: { width: 1918, height: 975 },
    });
    expect(shown.userAgent).toMatch(
      /^Mozilla\/5\.0 \(Macintosh; Intel Mac OS X 10_15_7\) .* Chrome\/\d+\.0\.0\.0 /,
    );
    expect(shown.userAgentData).toMatchObject({ platform: 'macOS', architecture: 'arm', mobile: false });
    expect(shown.plugins).toHaveLength(5);

    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.evaluate(`window.open('/mynetwork/catch-up/birthday/')`),
    ]);
    await identityReady(popup);
    await popup.waitForLoadState('domcontentloaded');
    await popup.reload();
    const popupShown = await probe(popup);
    for (const key of ['userAgent', 'platform', 'userAgentData', 'languages', 'hardwareConcurrency'] as const)
      expect(popupShown[key], key).toEqual(shown[key]);
    await context.close();
  });
});
