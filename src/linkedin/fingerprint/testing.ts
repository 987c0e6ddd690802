/** Fixtures of the fingerprint tests: what a page of a desktop Chrome sees. */
import type { PageFingerprint } from './pageProbe.ts';

export const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
export const CHROME_BRANDS = [
  { brand: 'Not:A-Brand', version: '8' },
  { brand: 'Chromium', version: '156' },
  { brand: 'Google Chrome', version: '156' },
];

/** A desktop Chrome 156 on Windows, in French, in Paris, on a 1920×1080 screen (a real GPU). */
export function desktopChromePage(over: Partial<PageFingerprint> = {}): PageFingerprint {
  return {
    userAgent: CHROME_UA,
    platform: 'Win32',
    webdriver: false,
    userAgentData: {
      brands: CHROME_BRANDS,
      mobile: false,
      platform: 'Windows',
      fullVersionList: CHROME_BRANDS.map((b) => ({ ...b, version: `${b.version}.0.8078.114` })),
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
    ...over,
  };
}
