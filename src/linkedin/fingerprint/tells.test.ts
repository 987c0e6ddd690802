import { describe, expect, it } from 'vitest';
import type { PageFingerprint } from './pageProbe.ts';
import { type FingerprintReport, findTells } from './tells.ts';
import { CHROME_BRANDS, CHROME_UA, desktopChromePage } from './testing.ts';

const UA = CHROME_UA;
const PAGE = desktopChromePage();

const CLEAN: FingerprintReport = {
  headers: {
    'user-agent': UA,
    'sec-ch-ua': '"Not:A-Brand";v="8", "Chromium";v="156", "Google Chrome";v="156"',
    'sec-ch-ua-platform': '"Windows"',
    'accept-language': 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7',
  },
  page: PAGE,
};

const codes = (report: FingerprintReport, timezone = 'Europe/Paris') =>
  findTells(report, { timezone }).tells.map((t) => t.code);
const withPage = (over: Partial<PageFingerprint>): FingerprintReport => ({
  ...CLEAN,
  page: { ...PAGE, ...over },
});

describe('findTells', () => {
  it('finds nothing in a desktop Chrome', () => {
    expect(findTells(CLEAN, { timezone: 'Europe/Paris' })).toEqual({ tells: [], notes: [] });
  });

  it('names "Headless" wherever it shows', () => {
    const headlessUa = UA.replace('Chrome/', 'HeadlessChrome/');
    const report: FingerprintReport = {
      headers: {
        ...CLEAN.headers,
        'sec-ch-ua': '"Not:A-Brand";v="8", "Chromium";v="156", "HeadlessChrome";v="156"',
      },
      page: {
        ...PAGE,
        userAgent: headlessUa,
        userAgentData: {
          ...PAGE.userAgentData!,
          brands: [...CHROME_BRANDS, { brand: 'HeadlessChrome', version: '156' }],
        },
      },
    };
    const [tell] = findTells(report).tells;
    expect(tell).toEqual({
      code: 'headless',
      message: '"Headless" in sec-ch-ua, navigator.userAgent, navigator.userAgentData.brands',
    });
  });

  it('catches client hints of another version than the user agent’s', () => {
    const older = { ...CLEAN, headers: { ...CLEAN.headers, 'user-agent': UA.replace('156.0', '131.0') } };
    expect(codes(older)).toEqual(['client_hints_version']);
    const report = findTells(older).tells[0]!;
    expect(report.message).toContain('the user agent says Chrome 131');
    expect(report.message).toContain('Sec-CH-UA Chromium 156');
  });

  it('catches each page-visible tell', () => {
    expect(codes(withPage({ webdriver: true }))).toEqual(['webdriver']);
    expect(codes(withPage({ webdriver: null }))).toEqual(['webdriver']);
    expect(codes(withPage({ plugins: [] }))).toEqual(['no_plugins']);
    expect(codes(withPage({ windowChrome: false }))).toEqual(['no_window_chrome']);
    expect(codes(withPage({ languages: ['en-US'] }))).toEqual(['languages']);
    expect(codes(withPage({ timezone: 'UTC' }))).toEqual(['timezone']);
    expect(codes(withPage({ outer: PAGE.inner }))).toEqual(['window_size']);
  });

  it('checks the timezone only against settings it was given, an alias as its zone', () => {
    expect(findTells(withPage({ timezone: 'UTC' })).tells).toEqual([]);
    expect(codes(withPage({ timezone: 'America/Toronto' }), 'America/Montreal')).toEqual([]);
  });

  it('notes a software GPU without counting it', () => {
    const server = withPage({
      webgl: {
        vendor: 'Google Inc. (Google)',
        renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device))',
      },
    });
    const verdict = findTells(server, { timezone: 'Europe/Paris' });
    expect(verdict.tells).toEqual([]);
    expect(verdict.notes.map((n) => n.code)).toEqual(['software_gpu']);
  });

  it('judges the headers alone when no page reported', () => {
    expect(findTells({ headers: CLEAN.headers, page: null }, { timezone: 'Europe/Paris' }).tells).toEqual([]);
  });
});
