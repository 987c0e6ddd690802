import { describe, expect, it } from 'vitest';
import type { PageFingerprint } from './pageProbe.ts';
import { type FingerprintReport, findTells } from './tells.ts';

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const BRANDS = [
  { brand: 'Not:A-Brand', version: '8' },
  { brand: 'Chromium', version: '156' },
  { brand: 'Google Chrome', version: '156' },
];

const PAGE: PageFingerprint = {
  userAgent: UA,
  platform: 'Win32',
  webdriver: false,
  userAgentData: {
    brands: BRANDS,
    mobile: false,
    platform: 'Windows',
    fullVersionList: BRANDS.map((b) => ({ ...b, version: `${b.version}.0.8078.114` })),
    platformVersion: '19.0.0',
    architecture: 'x86',
    bitness: '64',
    model: '',
  },
  plugins: ['PDF Viewer', 'Chrome PDF Viewer'],
  mimeTypes: 2,
  windowChrome: true,
  languages: ['fr-FR', 'fr', 'en-US', 'en'],
  timezone: 'Europe/Paris',
  locale: 'fr-FR',
  screen: { width: 1920, height: 1080, availWidth: 1920, availHeight: 1080, colorDepth: 24 },
  outer: { width: 1920, height: 1040 },
  inner: { width: 1904, height: 952 },
  devicePixelRatio: 1,
  hardwareConcurrency: 8,
  deviceMemory: 8,
  webgl: { vendor: 'Google Inc. (Intel)', renderer: 'ANGLE (Intel, Intel(R) UHD Graphics 620 Direct3D11)' },
};

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
          brands: [...BRANDS, { brand: 'HeadlessChrome', version: '156' }],
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
