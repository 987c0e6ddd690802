import { createRequire } from 'node:module';
import path from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/linkedin/browser.ts';
import { waitFor } from '../support/waitFor.ts';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from './stack.ts';

/** Helpers for driving the built dashboard in the Chromium the product itself would run. */

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium({ configured: process.env.CHROMIUM_PATH }),
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
  });
}

export interface SessionCookie {
  name: string;
  value: string;
  url: string;
}

/** The dashboard session cookie, from a login through the API (what the login page does). */
export async function sessionCookie(baseUrl: string): Promise<SessionCookie> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN_USERNAME, password: ADMIN_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lbb_session='));
  if (!cookie) throw new Error('login: no session cookie');
  const value = cookie.slice('lbb_session='.length).split(';')[0]!;
  return { name: 'lbb_session', value, url: baseUrl };
}

export interface ContextOptions extends BrowserContextOptions {
  /** Signed in already: with this session cookie, or (true, the default) a new API login's. */
  signedIn?: boolean | SessionCookie;
}

/** A browser context on the dashboard at `baseUrl`, French by default, signed in unless told otherwise. */
export async function dashboardContext(
  browser: Browser,
  baseUrl: string,
  { signedIn = true, ...options }: ContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(20_000);
  if (signedIn) await context.addCookies([signedIn === true ? await sessionCookie(baseUrl) : signedIn]);
  return context;
}

/** Marks the document, so a later `sameDocument` tells whether the page was reloaded meanwhile. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as { __e2eMark?: boolean }).__e2eMark = true;
  });
}

export async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as { __e2eMark?: boolean }).__e2eMark === true);
}

/** Waits until the page's heading is shown and nothing says "Loading…" any more. */
export async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  const loading = page.getByText(/^(Chargement…|Loading…)$/);
  await waitFor(async () => (await loading.count()) === 0, {
    timeoutMs: 20_000,
    intervalMs: 100,
    what: () => `${page.url()} to finish loading`,
  });
}

/**
 * In the page (a string: the tests are type-checked without the DOM's types): null when the
 * page fits the window's width, else how wide it is and the first elements sticking out.
 */
const PAGE_OVERFLOW = `(() => {
  const root = document.documentElement;
  if (root.scrollWidth <= window.innerWidth) return null;
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 5)
    .map((el) => el.getAttribute('data-testid') ?? '<' + el.tagName.toLowerCase() + ' class="' + String(el.getAttribute('class') ?? '').slice(0, 80) + '">');
  return 'the page is ' + root.scrollWidth + ' px wide in ' + window.innerWidth + ' px: ' + wide.join(', ');
})()`;

/**
 * Whether the page scrolls sideways: null when it fits, else a line naming its width and what
 * sticks out (to find the component). `expect(await pageOverflow(page), where).toBeNull()`.
 */
export function pageOverflow(page: Page): Promise<string | null> {
  return page.evaluate<string | null>(PAGE_OVERFLOW);
}

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * axe-core's WCAG 2 A/AA violations on the page as it is (or those of the given rules only). The page's context must bypass the
 * dashboard's CSP (`bypassCSP: true`), which forbids injected scripts.
 */
export async function axeViolations(page: Page, onlyRules?: string[]): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  const runOnly = onlyRules
    ? { type: 'rule', values: onlyRules }
    : { type: 'tag', values: ['wcag2a', 'wcag2aa'] };
  return page.evaluate(async (runOnly) => {
    const { axe } = globalThis as unknown as {
      axe: { run(options: unknown): Promise<{ violations: AxeViolation[] }> };
    };
    const result = await axe.run({ runOnly, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, runOnly);
}

/**
 * One line per violation and page: impact, rule, how many elements, and the first few of them
 * (selector, markup, why): what the lead needs to find and fix the component.
 */
export function describeViolations(where: string, violations: AxeViolation[], examples = 3): string[] {
  return violations.map((v) => {
    const nodes = v.nodes
      .slice(0, examples)
      .map(
        (n) =>
          `    at ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}${
            n.failureSummary ? `\n      ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 240)}` : ''
          }`,
      );
    const more = v.nodes.length > examples ? [`    … and ${v.nodes.length - examples} more`] : [];
    return [
      `${where}: [${v.impact}] ${v.id} (${v.help}), ${v.nodes.length} element(s)`,
      ...nodes,
      ...more,
    ].join('\n');
  });
}
