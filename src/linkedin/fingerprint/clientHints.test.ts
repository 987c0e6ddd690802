import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../browser.ts';
import {
  brandHeader,
  CHROME_BRAND,
  chromeBrands,
  chromeFullVersionList,
  greaseBrand,
  parseBrandHeader,
} from './clientHints.ts';

describe('Chrome brand lists', () => {
  it('sends the brands stable Chrome releases sent, GREASE and order included', () => {
    // Sec-CH-UA of Chrome 129, 130 and 131 as they went out.
    expect(brandHeader(chromeBrands(129))).toBe(
      '"Google Chrome";v="129", "Not=A?Brand";v="8", "Chromium";v="129"',
    );
    expect(brandHeader(chromeBrands(130))).toBe(
      '"Chromium";v="130", "Google Chrome";v="130", "Not?A_Brand";v="99"',
    );
    expect(brandHeader(chromeBrands(131))).toBe(
      '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
    );
  });

  it('gives the full version list the same order, GREASE as x.0.0.0', () => {
    expect(chromeFullVersionList(156, '156.0.8078.114')).toEqual([
      { brand: 'Not:A-Brand', version: '8.0.0.0' },
      { brand: 'Chromium', version: '156.0.8078.114' },
      { brand: 'Google Chrome', version: '156.0.8078.114' },
    ]);
  });

  it('reads back what it writes, quotes and all', () => {
    const brands = chromeBrands(131);
    expect(parseBrandHeader(brandHeader(brands))).toEqual(brands);
    expect(parseBrandHeader('"A \\"quoted\\" one";v="1"')).toEqual([
      { brand: 'A "quoted" one', version: '1' },
    ]);
  });
});

describe('the GREASE algorithm against the running browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("matches what this machine's Chromium reports for its own version, product brand aside", async () => {
    const page = await browser.newPage();
    // userAgentData lives in secure contexts only: a made-up https page, answered locally.
    await page.route('https://brands.test/', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<p>brands</p>' }),
    );
    await page.goto('https://brands.test/');
    const own = await page.evaluate(async () => {
      const { navigator } = globalThis as unknown as { navigator: { userAgentData: NavigatorUAData } };
      const uad = navigator.userAgentData;
      const high = await uad.getHighEntropyValues(['fullVersionList', 'uaFullVersion']);
      return { brands: uad.brands, fullVersionList: high.fullVersionList ?? [] };
    });
    const version = browser.version();
    const major = Number(version.split('.')[0]);
    const asChrome = (list: { brand: string; version: string }[]) =>
      list.map((b) => (b.brand === 'HeadlessChrome' ? { ...b, brand: CHROME_BRAND } : b));
    const expectBrands = chromeBrands(major);
    const expectFull = chromeFullVersionList(major, version);
    if (own.brands.length === 3) {
      // The headless shell names itself HeadlessChrome where Chrome says Google Chrome.
      expect(asChrome(own.brands)).toEqual(expectBrands);
      expect(asChrome(own.fullVersionList)).toEqual(expectFull);
    } else {
      // A full Chromium in headless mode lists no product brand: the other two, same GREASE.
      expect(own.brands).toEqual(expectBrands.filter((b) => b.brand !== CHROME_BRAND));
    }
    expect(own.brands).toContainEqual(greaseBrand(major));
    await page.close();
  });
});

interface NavigatorUAData {
  brands: { brand: string; version: string }[];
  getHighEntropyValues(hints: string[]): Promise<{ fullVersionList?: { brand: string; version: string }[] }>;
}
