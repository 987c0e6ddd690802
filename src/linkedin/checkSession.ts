/**
 * The one-shot session check behind `POST /api/linkedin/session/check` (run in a
 * browser-task process, with the cookies the server read from the store).
 */
import type { ChromiumProcessModel } from '../config/env.ts';
import type { BrowserIdentity } from './fingerprint/browserIdentity.ts';
import { LinkedInError } from './interfaces.ts';
import { PlaywrightLinkedInClient } from './playwrightClient.ts';
import type { BrowserProxy } from './proxy.ts';
import type { SessionCookie } from './sessionCookies.ts';

export interface CheckSessionOptions {
  /** The account's decrypted cookies; none → `auth_required`. */
  cookies: SessionCookie[];
  linkedinBaseUrl: string;
  /** The account's browser identity and the settings' timezone: the check's browser is the account's. */
  identity?: BrowserIdentity;
  timezoneId?: string;
  chromiumPath?: string;
  processModel?: ChromiumProcessModel;
  /** The account's proxy: the check goes where a run goes. */
  proxy?: BrowserProxy;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Where a failed check leaves its screenshot; null/omitted: none. */
  screenshotDir?: string | null;
}

/**
 * Opens the feed once with the account's cookies and closes the browser: `valid` when the
 * navigation shows, `expired` when LinkedIn wants a login. No cookies → `auth_required`.
 * A check that fails (timeout, a page it cannot read) leaves a screenshot in `screenshotDir`,
 * named by the error's `screenshot`.
 */
export async function checkLinkedInSession(opts: CheckSessionOptions): Promise<'valid' | 'expired'> {
  const { cookies } = opts;
  if (cookies.length === 0) throw new LinkedInError('auth_required', 'No LinkedIn session stored');
  const signal = opts.signal ?? new AbortController().signal;
  const client = await PlaywrightLinkedInClient.launch({
    baseUrl: opts.linkedinBaseUrl,
    cookies,
    identity: opts.identity,
    timezoneId: opts.timezoneId,
    chromiumPath: opts.chromiumPath,
    processModel: opts.processModel,
    proxy: opts.proxy,
    screenshotDir: opts.screenshotDir ?? null,
    signal,
    timeoutMs: opts.timeoutMs,
  });
  try {
    return await client.checkSession({ signal, timeoutMs: opts.timeoutMs });
  } catch (err) {
    // A bug shows as itself; a stop leaves nothing to see.
    if (!(err instanceof LinkedInError) || err.screenshot || err.code === 'aborted') throw err;
    if (!opts.screenshotDir || signal.aborted) throw err;
    // What the page showed when the check failed, if the browser still answers.
    const shot = await client.screenshot('check-session-failed').catch(() => null);
    throw new LinkedInError(err.code, err.message, shot);
  } finally {
    await client.close();
  }
}
