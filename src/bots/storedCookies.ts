/**
 * The account's LinkedIn session as the store keeps it (encrypted): what a run's browser
 * and the server's browser tasks (session check, page check) open LinkedIn with. The
 * LinkedIn layer knows no store: its callers read the session here and hand it over.
 */
import { DecryptionError } from '../crypto.ts';
import { isUsableCookie } from '../linkedin/cookieFields.ts';
import {
  decryptSessionCookies,
  decryptSessionState,
  SESSION_COOKIE_NAME,
  type SessionCookie,
  type StoredSessionState,
} from '../linkedin/sessionCookies.ts';
import type { Store } from '../store/interfaces.ts';

/** The account's stored LinkedIn cookies, decrypted; null when none are stored. */
export async function loadLinkedInCookies(
  store: Store,
  accountId: string,
  secretKey: string,
): Promise<SessionCookie[] | null> {
  const session = await store.linkedinSessions.get(accountId);
  return session ? decryptSessionCookies(session.encrypted, secretKey) : null;
}

/** A stored session as a browser starts from it. */
export interface StoredSessionStart {
  /** Cookies, and the local storage a previous run left. */
  state: StoredSessionState;
  /** The ciphertext it was read from: a run's write-back applies only over it. */
  encrypted: string;
}

/**
 * The account's session, for a browser. When none is stored or it cannot be decrypted,
 * throws what `authRequired(message)` makes: the caller's own `auth_required` error.
 */
export async function requireStoredSession(
  store: Store,
  accountId: string,
  secretKey: string,
  authRequired: (message: string) => Error,
): Promise<StoredSessionStart> {
  const session = await store.linkedinSessions.get(accountId);
  let state: StoredSessionState | null = null;
  try {
    state = session ? decryptSessionState(session.encrypted, secretKey) : null;
  } catch (err) {
    if (!(err instanceof DecryptionError)) throw err;
    throw authRequired(
      'The stored LinkedIn session cannot be decrypted (SECRET_KEY changed?): store the cookies again',
    );
  }
  if (!session || !state || state.cookies.length === 0) throw authRequired('No LinkedIn session stored');
  // A cookie stored before its fields were checked (an expiry of 1e308…) would make the
  // browser refuse them all: it is left out, and a session without its li_at asks for new cookies.
  const nowSeconds = Math.floor(Date.now() / 1000);
  const cookies = state.cookies.filter((c) => isUsableCookie(c, nowSeconds));
  const hasLiAt = (list: SessionCookie[]) => list.some((c) => c.name === SESSION_COOKIE_NAME);
  if (hasLiAt(state.cookies) && !hasLiAt(cookies)) {
    throw authRequired('The stored LinkedIn session is not usable: store the cookies again');
  }
  return { state: { ...state, cookies }, encrypted: session.encrypted };
}

/** The account's cookies, for a browser; see `requireStoredSession`. */
export async function requireLinkedInCookies(
  store: Store,
  accountId: string,
  secretKey: string,
  authRequired: (message: string) => Error,
): Promise<SessionCookie[]> {
  return (await requireStoredSession(store, accountId, secretKey, authRequired)).state.cookies;
}

/** The `li_at` of a stored session: who it logs in. Null when none, or it cannot be decrypted. */
export function sessionCookieOf(encrypted: string, secretKey: string): string | null {
  try {
    const cookies = decryptSessionCookies(encrypted, secretKey);
    return cookies.find((c) => c.name === SESSION_COOKIE_NAME)?.value ?? null;
  } catch (err) {
    if (err instanceof DecryptionError) return null;
    throw err;
  }
}
