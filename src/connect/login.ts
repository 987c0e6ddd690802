/**
 * The login wait: `connect` looks at the browser until the user is past LinkedIn's login
 * pages with a session cookie, then keeps the LinkedIn cookies of what the browser holds.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { isLinkedInDomain, LINKEDIN_COOKIE_DOMAIN, SESSION_COOKIE_NAME } from '../linkedin/sessionCookies.ts';
import type { OpenedBrowser } from './browser.ts';
import { ConnectError } from './connectError.ts';

export type StateCookie = Awaited<ReturnType<BrowserContext['storageState']>>['cookies'][number];

/** Pages where LinkedIn is still asking something: logged in means being past them. */
const AUTH_PATH = /^\/(?:login|uas\/|authwall|checkpoint\/|signup|m\/login)/i;

function isLinkedInHost(url: URL): boolean {
  return isLinkedInDomain(url.hostname) && url.hostname !== '';
}

/**
 * The cookies of the LinkedIn site among a storage state's. On linkedin.com they are kept
 * as they are; for another site (the sandbox), the cookies of its host become LinkedIn
 * cookies (`.linkedin.com`), as the server stores every session and replays it on its
 * LINKEDIN_BASE_URL.
 */
export function linkedinCookiesOf(cookies: readonly StateCookie[], linkedinUrl: string): StateCookie[] {
  const site = new URL(linkedinUrl);
  if (isLinkedInHost(site)) return cookies.filter((c) => isLinkedInDomain(c.domain) && c.domain !== '');
  const host = site.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return cookies
    .filter((c) => c.domain.replace(/^\./, '').toLowerCase() === host)
    .map((c) => ({ ...c, domain: LINKEDIN_COOKIE_DOMAIN }));
}

/** The page the user ended up on after logging in, or null while they are not logged in. */
async function loggedInPage(context: BrowserContext, site: URL): Promise<Page | null> {
  const cookies = await context.cookies(site.origin);
  if (!cookies.some((c) => c.name === SESSION_COOKIE_NAME && c.value !== '')) return null;
  for (const page of context.pages()) {
    let url: URL;
    try {
      url = new URL(page.url());
    } catch {
      continue;
    }
    const onSite = isLinkedInHost(site) ? isLinkedInHost(url) : url.host === site.host;
    if (onSite && !AUTH_PATH.test(url.pathname)) return page;
  }
  return null;
}

export function minutes(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const m = ms / 60_000;
  return `${Number.isInteger(m) ? m : m.toFixed(1)} min`;
}

/** Waits until the user is logged in; rejects on timeout, cancel, or a closed browser. */
export async function waitForLogin(
  opened: OpenedBrowser,
  site: URL,
  opts: { timeoutMs: number; pollMs: number; signal?: AbortSignal; print: (line: string) => void },
): Promise<Page> {
  const { context } = opened;
  let closed = false;
  context.on('close', () => {
    closed = true;
  });
  const started = Date.now();
  const deadline = started + opts.timeoutMs;
  let nextReminder = started + 60_000;
  for (;;) {
    if (opts.signal?.aborted) throw new ConnectError('Cancelled: nothing was uploaded.');
    if (closed || context.pages().length === 0) {
      throw new ConnectError(
        'The browser window was closed before the login finished: nothing was uploaded. Run the command again.',
      );
    }
    const page = await loggedInPage(context, site).catch(() => null);
    if (page) return page;
    const now = Date.now();
    if (now >= deadline) {
      throw new ConnectError(
        `No login within ${minutes(opts.timeoutMs)}: nothing was uploaded. Run the command again (--timeout <seconds> to wait longer).`,
      );
    }
    if (now >= nextReminder) {
      opts.print(`  … still waiting for the login (${minutes(deadline - now)} left)`);
      nextReminder += 60_000;
    }
    await sleep(Math.min(opts.pollMs, Math.max(0, deadline - now)));
  }
}
