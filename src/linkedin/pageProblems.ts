/**
 * What LinkedIn shows instead of a page when the session cannot go on: a login or a
 * challenge (`auth_required`), its limit banner or a bare block page (`rate_limited`).
 * Checked on arrival and whenever an element does not show, so a run stops with the
 * reason rather than with `element_not_found`.
 */
import type { Page } from 'playwright-core';
import { LinkedInError } from './interfaces.ts';
import type { LocatorEngine } from './locator.ts';
import { AUTH_PATH, BLOCKED_TEXT } from './selectors.ts';

/** The page went to a login or challenge page (no round trip: the URL is known locally). */
export function assertNotOnLoginPage(page: Page): void {
  const pathname = new URL(page.url()).pathname;
  if (AUTH_PATH.test(pathname)) {
    throw new LinkedInError('auth_required', `LinkedIn session not usable: redirected to ${pathname}`);
  }
}

/** Login redirect, captcha or login form → auth_required; limit banner or block page → rate_limited. */
export async function assertPageUsable(engine: LocatorEngine, page: Page): Promise<void> {
  const reason = await authProblemOf(engine, page);
  if (reason) throw new LinkedInError('auth_required', `LinkedIn session not usable: ${reason}`);
  if (await engine.exists(page, 'limitBanner')) {
    await engine.findNow(page, 'limitBanner');
    throw new LinkedInError('rate_limited', 'LinkedIn shows its limit banner');
  }
  const blocked = await blockPageText(engine, page);
  if (blocked) throw new LinkedInError('rate_limited', `LinkedIn blocked the session for now: "${blocked}"`);
}

export async function authProblemOf(engine: LocatorEngine, page: Page): Promise<string | null> {
  const current = new URL(page.url());
  if (AUTH_PATH.test(current.pathname)) return `redirected to ${current.pathname}`;
  if (await engine.exists(page, 'captcha')) return 'captcha';
  if (await engine.exists(page, 'loggedOut')) return 'login form shown';
  return null;
}

/**
 * A bare error page saying "too many requests" / "slow down": no `main`, no navigation,
 * little text. Its rendered text only (scripts' strings do not count): the text, shortened,
 * when blocked, so the run's error quotes what LinkedIn said; null otherwise.
 */
async function blockPageText(engine: LocatorEngine, page: Page): Promise<string | null> {
  if (await engine.exists(page, 'mainContent')) return null;
  if (await engine.exists(page, 'globalNav')) return null;
  const text = await page
    .locator('body')
    // biome-ignore lint/performance/useDomNodeTextContent: only what the page shows counts, not its scripts
    .innerText({ timeout: 2000 })
    .catch(() => '');
  if (text.length >= 2000 || !BLOCKED_TEXT.test(text)) return null;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
