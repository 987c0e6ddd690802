/**
 * The account's stored cookies, and the one-shot session check behind
 * `POST /api/linkedin/session/check` (run in a browser-task process).
 */
import type { ChromiumProcessModel } from '../config/env.ts';
import { DecryptionError } from '../crypto.ts';
import type { Store } from '../store/interfaces.ts';
import type { BrowserIdentity } from './fingerprint/browserIdentity.ts';
import { LinkedInError } from './interfaces.ts';
import { PlaywrightLinkedInClient } from './playwrightClient.ts';
import { loadLinkedInCookies, type SessionCookie } from './sessionCookies.ts';

/** The account's cookies; `auth_required` when none are stored or they cannot be decrypted. */
export async function requireLinkedInCookies(
  store: Store,
  accountId: string,
  secretKey: string,
): Promise<SessionCookie[]> {
  let cookies: SessionCookie[] | null;
  try {
    cookies = await loadLinkedInCookies(store, accountId, secretKey);
  } catch (err) {
    if (err instanceof DecryptionError) {
      throw new LinkedInError(
        'auth_required',
        'The stored LinkedIn session cannot be decrypted (SECRET_KEY changed?): store the cookies again',
      );
    }
    throw err;
  }
  if (!cookies || cookies.length === 0)
    throw new LinkedInError('auth_required', 'No LinkedIn session stored');
  return cookies;
}

interface CheckSessionCommon {
  linkedinBaseUrl: string;
  /** The account's browser identity and the settings' timezone: the check's browser is the account's. */
  identity?: BrowserIdentity;
  timezoneId?: string;
  chromiumPath?: string;
  processModel?: ChromiumProcessModel;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Where a failed check leaves its screenshot; null/omitted: none. */
  screenshotDir?: string | null;
}

export type CheckSessionOptions = CheckSessionCommon &
  (
    | { store: Store; accountId: string; secretKey: string }
    /** Already decrypted (the session-check process gets them from the server over IPC). */
    | { cookies: SessionCookie[] }
  );

/**
 * Opens the feed once with the account's cookies and closes the browser: `valid` when the
 * navigation shows, `expired` when LinkedIn wants a login. No stored cookies → `auth_required`.
 * A check that fails (timeout, a page it cannot read) leaves a screenshot in `screenshotDir`,
 * named by the error's `screenshot`.
 */
export async function checkLinkedInSession(opts: CheckSessionOptions): Promise<'valid' | 'expired'> {
  const cookies =
    'cookies' in opts
      ? opts.cookies
      : await requireLinkedInCookies(opts.store, opts.accountId, opts.secretKey);
  if (cookies.length === 0) throw new LinkedInError('auth_required', 'No LinkedIn session stored');
  const signal = opts.signal ?? new AbortController().signal;
  const client = await PlaywrightLinkedInClient.launch({
    baseUrl: opts.linkedinBaseUrl,
    cookies,
    identity: opts.identity,
    timezoneId: opts.timezoneId,
    chromiumPath: opts.chromiumPath,
    processModel: opts.processModel,
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
