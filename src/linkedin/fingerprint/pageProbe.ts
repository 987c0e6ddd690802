/**
 * What a page can see of the browser: the properties fingerprinting scripts read first.
 * One collector for both sides: the sandbox's pages run it and post the result (what
 * LinkedIn would see), the doctor evaluates it in the run's own browser. Plain browser
 * JavaScript, so the same text runs in both without a build step.
 */
import type { Brand } from './clientHints.ts';

export interface PageUserAgentData {
  brands: Brand[];
  mobile: boolean;
  platform: string;
  /** High-entropy values; null when the browser refused them. */
  fullVersionList: Brand[] | null;
  platformVersion: string | null;
  architecture: string | null;
  bitness: string | null;
  model: string | null;
}

export interface PageFingerprint {
  userAgent: string;
  /** `navigator.platform`. */
  platform: string;
  /** `navigator.webdriver` (null when the property does not exist). */
  webdriver: boolean | null;
  /** `navigator.userAgentData`; null when the browser has none. */
  userAgentData: PageUserAgentData | null;
  /** Names of `navigator.plugins`. */
  plugins: string[];
  mimeTypes: number;
  /** `typeof window.chrome === 'object'`. */
  windowChrome: boolean;
  languages: string[];
  /** Intl's timezone and locale. */
  timezone: string;
  locale: string;
  screen: { width: number; height: number; availWidth: number; availHeight: number; colorDepth: number };
  outer: { width: number; height: number };
  inner: { width: number; height: number };
  devicePixelRatio: number;
  hardwareConcurrency: number;
  deviceMemory: number | null;
  /** The WebGL renderer (unmasked when the browser tells); null when not collected or no WebGL. */
  webgl: { vendor: string; renderer: string } | null;
}

export interface PageProbeOptions {
  /** Creating a WebGL context costs time and memory: the sandbox does it once per tab. */
  webgl: boolean;
}

/** Source of `async (options: PageProbeOptions) => PageFingerprint`. */
export const PAGE_PROBE_SOURCE = `async function lbbPageProbe(options) {
  const nav = navigator;
  let userAgentData = null;
  if (nav.userAgentData) {
    const uad = nav.userAgentData;
    let high = {};
    try {
      high = await uad.getHighEntropyValues(['architecture', 'bitness', 'model', 'platformVersion', 'fullVersionList']);
    } catch (e) {}
    const brands = (list) => (list ? list.map((b) => ({ brand: String(b.brand), version: String(b.version) })) : null);
    userAgentData = {
      brands: brands(uad.brands) || [],
      mobile: Boolean(uad.mobile),
      platform: String(uad.platform),
      fullVersionList: brands(high.fullVersionList),
      platformVersion: high.platformVersion === undefined ? null : String(high.platformVersion),
      architecture: high.architecture === undefined ? null : String(high.architecture),
      bitness: high.bitness === undefined ? null : String(high.bitness),
      model: high.model === undefined ? null : String(high.model),
    };
  }
  let webgl = null;
  if (options && options.webgl) {
    try {
      const canvas = document.createElement('canvas');
      const gl = canvas.getContext('webgl') || canvas.getContext('experimental-webgl');
      if (gl) {
        const info = gl.getExtension('WEBGL_debug_renderer_info');
        webgl = {
          vendor: String(gl.getParameter(info ? info.UNMASKED_VENDOR_WEBGL : gl.VENDOR)),
          renderer: String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
        };
        const lose = gl.getExtension('WEBGL_lose_context');
        if (lose) lose.loseContext();
      }
    } catch (e) {}
  }
  const intl = Intl.DateTimeFormat().resolvedOptions();
  return {
    userAgent: nav.userAgent,
    platform: nav.platform,
    webdriver: 'webdriver' in nav ? Boolean(nav.webdriver) : null,
    userAgentData,
    plugins: Array.from(nav.plugins || [], (p) => p.name),
    mimeTypes: nav.mimeTypes ? nav.mimeTypes.length : 0,
    windowChrome: typeof window.chrome === 'object' && window.chrome !== null,
    languages: Array.from(nav.languages || []),
    timezone: intl.timeZone,
    locale: intl.locale,
    screen: { width: screen.width, height: screen.height, availWidth: screen.availWidth, availHeight: screen.availHeight, colorDepth: screen.colorDepth },
    outer: { width: window.outerWidth, height: window.outerHeight },
    inner: { width: window.innerWidth, height: window.innerHeight },
    devicePixelRatio: window.devicePixelRatio,
    hardwareConcurrency: nav.hardwareConcurrency,
    deviceMemory: typeof nav.deviceMemory === 'number' ? nav.deviceMemory : null,
    webgl,
  };
}`;

/** An expression that evaluates (in a page) to the promise of its PageFingerprint. */
export function pageProbeExpression(options: PageProbeOptions): string {
  return `(${PAGE_PROBE_SOURCE})(${JSON.stringify(options)})`;
}
