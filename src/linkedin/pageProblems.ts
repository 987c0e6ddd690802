/**
 * What LinkedIn shows instead of a page when the session cannot go on: a login or a
 * challenge (`auth_required`; a checkpoint or a captcha is named, as LinkedIn pushing back,
 * a login is a plain expired session), its limit banner or a bare block page (`rate_limited`).
 * Checked on arrival and whenever an element does not show, so a run stops with the
 * reason rather than with `element_not_found`.
 */
import type { Page } from 'playwright-core';
import { type LinkedInChallenge, LinkedInError } from './interfaces.ts';
import type { LocatorEngine } from './locator.ts';
import { AUTH_PATH, BLOCKED_TEXT } from './selectors.ts';

/** A checkpoint URL path (`/checkpoint/challenge/…`): a security check, not a login. */
const CHECKPOINT_PATH = /^\/checkpoint(\/|$)/i;
/**
 * LinkedIn's sign-in pages live under `/checkpoint/` too (`/checkpoint/lg/…`, the "Welcome
 * back" picker at `/checkpoint/rm/sign-in-another-account`): where an expired session lands,
 * a login, not a security check.
 */
const CHECKPOINT_LOGIN_PATH = /^\/checkpoint\/(lg|rm)(\/|$)/i;

/** Why the session is not usable, and the challenge behind it when it is LinkedIn pushing back. */
interface AuthProblem {
  reason: string;
  challenge: LinkedInChallenge | null;
}

function authRedirect(pathname: string): AuthProblem | null {
  if (!AUTH_PATH.test(pathname)) return null;
  return {
    reason: `redirected to ${pathname}`,
    challenge: CHECKPOINT_PATH.test(pathname) && !CHECKPOINT_LOGIN_PATH.test(pathname) ? 'checkpoint' : null,
  };
}

function authRequired(problem: AuthProblem): LinkedInError {
  return new LinkedInError(
    'auth_required',
    `LinkedIn session not usable: ${problem.reason}`,
    null,
    problem.challenge,
  );
}

/** The page went to a login or challenge page (no round trip: the URL is known locally). */
export function assertNotOnLoginPage(page: Page): void {
  const problem = authRedirect(new URL(page.url()).pathname);
  if (problem) throw authRequired(problem);
}

/** Login redirect, checkpoint, captcha or login form → auth_required; limit banner or block page → rate_limited. */
export async function assertPageUsable(engine: LocatorEngine, page: Page): Promise<void> {
  const problem = await authProblemDetail(engine, page);
  if (problem) throw authRequired(problem);
  if (await engine.exists(page, 'limitBanner')) {
    await engine.findNow(page, 'limitBanner');
    throw new LinkedInError('rate_limited', 'LinkedIn shows its limit banner');
  }
  const blocked = await blockPageText(engine, page);
  if (blocked) throw new LinkedInError('rate_limited', `LinkedIn blocked the session for now: "${blocked}"`);
}

async function authProblemDetail(engine: LocatorEngine, page: Page): Promise<AuthProblem | null> {
  const redirect = authRedirect(new URL(page.url()).pathname);
  if (redirect) return redirect;
  if (await engine.exists(page, 'captcha')) return { reason: 'captcha', challenge: 'captcha' };
  if (await engine.exists(page, 'loggedOut')) return { reason: 'login form shown', challenge: null };
  return null;
}

export async function authProblemOf(engine: LocatorEngine, page: Page): Promise<string | null> {
  return (await authProblemDetail(engine, page))?.reason ?? null;
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
