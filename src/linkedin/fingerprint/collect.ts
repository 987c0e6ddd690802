/**
 * The fingerprint check of the run's own browser (the doctor's step): one page load of
 * LinkedIn, the headers Chromium really sent for it (client hints included) and what the
 * page then sees, judged by the same `findTells` as the sandbox's report.
 */
import type { Page } from 'playwright-core';
import { type PageFingerprint, pageProbeExpression } from './pageProbe.ts';
import { type FingerprintExpectations, type FingerprintVerdict, findTells } from './tells.ts';

/** What the browser showed, for the user to see (nothing of the account in it). */
export interface PresentedBrowser {
  user_agent: string;
  /** `Sec-CH-UA` as sent. */
  client_hints: string | null;
  platform: string;
  languages: string[];
  timezone: string;
  screen: string;
  window: string;
  hardware_concurrency: number;
  device_memory: number | null;
  webgl_renderer: string | null;
}

export interface FingerprintCheck extends FingerprintVerdict {
  presented: PresentedBrowser;
}

const size = (s: { width: number; height: number }) => `${s.width}×${s.height}`;

function presented(headers: Record<string, string>, page: PageFingerprint): PresentedBrowser {
  return {
    user_agent: headers['user-agent'] ?? page.userAgent,
    client_hints: headers['sec-ch-ua'] ?? null,
    platform: page.userAgentData?.platform ?? page.platform,
    languages: page.languages,
    timezone: page.timezone,
    screen: size(page.screen),
    window: `${size(page.outer)} (page ${size(page.inner)})`,
    hardware_concurrency: page.hardwareConcurrency,
    device_memory: page.deviceMemory,
    webgl_renderer: page.webgl?.renderer ?? null,
  };
}

/** Loads `url` in `page` (whatever it shows: a login page reveals as much) and judges what it revealed. */
export async function checkFingerprint(
  page: Page,
  url: string,
  expected: FingerprintExpectations,
  timeout: number,
): Promise<FingerprintCheck> {
  const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
  // The document request's headers as they left Chromium (Playwright names them in lower case).
  const headers = response ? await response.request().allHeaders() : {};
  const fingerprint = (await page.evaluate(pageProbeExpression({ webgl: true }))) as PageFingerprint;
  return {
    ...findTells({ headers, page: fingerprint }, expected),
    presented: presented(headers, fingerprint),
  };
}
