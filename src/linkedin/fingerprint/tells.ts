/**
 * The automation tells of what a browser revealed to a site: its document request's
 * headers and what its pages saw. One judge for the sandbox (`GET /__sandbox/fingerprint`)
 * and the doctor (LinkedIn itself). A tell is something a desktop Chrome never shows; the
 * GPU of a server (a software renderer) cannot be hidden and is only noted.
 */
import type { FingerprintTell } from '../../contract/vocabulary.ts';
import { isGreaseBrand, parseBrandHeader } from './clientHints.ts';
import { parseAcceptLanguage } from './languages.ts';
import type { PageFingerprint } from './pageProbe.ts';

export interface FingerprintReport {
  /** The document request's headers, names in lower case. */
  headers: Record<string, string>;
  /** What a page of that document saw; null when it reported nothing. */
  page: PageFingerprint | null;
}

export interface FingerprintExpectations {
  /** The settings' timezone. */
  timezone?: string;
}

export interface Tell {
  code: FingerprintTell;
  message: string;
}

export interface FingerprintNote {
  code: 'software_gpu';
  message: string;
}

export interface FingerprintVerdict {
  tells: Tell[];
  notes: FingerprintNote[];
}

const SOFTWARE_GPU = /SwiftShader|llvmpipe|softpipe|Software Rasterizer|Mesa OffScreen/i;

/** The major version a user agent claims for Chrome (`Chrome/156.0.0.0` → 156). */
function chromeMajorOf(userAgent: string | undefined): number | null {
  const match = userAgent ? /\b(?:Headless)?Chrome\/(\d+)/.exec(userAgent) : null;
  return match ? Number(match[1]) : null;
}

/** Where "Headless" shows: header names and page properties. */
function headlessPlaces(report: FingerprintReport): string[] {
  const places: string[] = [];
  for (const [name, value] of Object.entries(report.headers)) {
    if ((name === 'user-agent' || name.startsWith('sec-ch-ua')) && /headless/i.test(value)) places.push(name);
  }
  const page = report.page;
  if (page && /headless/i.test(page.userAgent)) places.push('navigator.userAgent');
  const uad = page?.userAgentData;
  if (uad?.brands.some((b) => /headless/i.test(b.brand))) places.push('navigator.userAgentData.brands');
  if (uad?.fullVersionList?.some((b) => /headless/i.test(b.brand)))
    places.push('navigator.userAgentData.fullVersionList');
  return places;
}

/** Client hints whose version is not the user agent's major: `where: version`. */
function versionMismatches(report: FingerprintReport, major: number): string[] {
  const found: string[] = [];
  const check = (where: string, brands: { brand: string; version: string }[]) => {
    for (const b of brands) {
      if (isGreaseBrand(b.brand)) continue;
      if (Number(b.version.split('.')[0]) !== major) found.push(`${where} ${b.brand} ${b.version}`);
    }
  };
  const { headers, page } = report;
  if (headers['sec-ch-ua']) check('Sec-CH-UA', parseBrandHeader(headers['sec-ch-ua']));
  const fullList = headers['sec-ch-ua-full-version-list'];
  if (fullList) check('Sec-CH-UA-Full-Version-List', parseBrandHeader(fullList));
  if (page?.userAgentData) {
    check('userAgentData.brands', page.userAgentData.brands);
    check('userAgentData.fullVersionList', page.userAgentData.fullVersionList ?? []);
  }
  const pageMajor = chromeMajorOf(page?.userAgent);
  if (pageMajor !== null && pageMajor !== major) found.push(`navigator.userAgent Chrome/${pageMajor}`);
  return found;
}

/** A timezone as Intl names it: an alias (America/Montreal) is its zone (America/Toronto) in a browser too. */
function canonicalZone(timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    return timezone;
  }
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

export function findTells(
  report: FingerprintReport,
  expected: FingerprintExpectations = {},
): FingerprintVerdict {
  const tells: Tell[] = [];
  const notes: FingerprintNote[] = [];
  const tell = (code: FingerprintTell, message: string) => tells.push({ code, message });
  const { headers, page } = report;

  const headless = headlessPlaces(report);
  if (headless.length) tell('headless', `"Headless" in ${headless.join(', ')}`);

  const major = chromeMajorOf(headers['user-agent']) ?? chromeMajorOf(page?.userAgent);
  const mismatches = major === null ? [] : versionMismatches(report, major);
  if (mismatches.length)
    tell('client_hints_version', `the user agent says Chrome ${major}, but ${mismatches.join(', ')}`);

  const acceptLanguage = headers['accept-language'];
  if (page) {
    if (page.webdriver !== false) tell('webdriver', `navigator.webdriver is ${page.webdriver}`);
    if (page.plugins.length === 0) tell('no_plugins', 'navigator.plugins is empty');
    if (!page.windowChrome) tell('no_window_chrome', 'window.chrome is undefined');
    if (acceptLanguage !== undefined && !sameList(page.languages, parseAcceptLanguage(acceptLanguage))) {
      tell(
        'languages',
        `navigator.languages is ${page.languages.join(',')} but Accept-Language says ${acceptLanguage}`,
      );
    }
    if (expected.timezone && canonicalZone(page.timezone) !== canonicalZone(expected.timezone))
      tell('timezone', `the page's timezone is ${page.timezone}, the settings say ${expected.timezone}`);
    const { outer, inner } = page;
    if (outer.height <= inner.height || outer.width < inner.width) {
      tell(
        'window_size',
        `the window (${outer.width}×${outer.height}) is no larger than the page (${inner.width}×${inner.height}): no browser bars`,
      );
    }
    if (page.webgl && SOFTWARE_GPU.test(page.webgl.renderer)) {
      notes.push({
        code: 'software_gpu',
        message: `WebGL renders in software (${page.webgl.renderer}): a server has no GPU to show`,
      });
    }
  }
  return { tells, notes };
}
