/**
 * The account's LinkedIn cookies as the store keeps them (encrypted): what a run's browser
 * and the server's browser tasks (session check, page check) open LinkedIn with. The
 * LinkedIn layer knows no store: its callers read the cookies here and hand them over.
 */
import { DecryptionError } from '../crypto.ts';
import { decryptSessionCookies, type SessionCookie } from '../linkedin/sessionCookies.ts';
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

/**
 * The account's cookies, for a browser. When none are stored or they cannot be decrypted,
 * throws what `authRequired(message)` makes: the caller's own `auth_required` error.
 */
export async function requireLinkedInCookies(
  store: Store,
  accountId: string,
  secretKey: string,
  authRequired: (message: string) => Error,
): Promise<SessionCookie[]> {
  let cookies: SessionCookie[] | null;
  try {
    cookies = await loadLinkedInCookies(store, accountId, secretKey);
  } catch (err) {
    if (!(err instanceof DecryptionError)) throw err;
    throw authRequired(
      'The stored LinkedIn session cannot be decrypted (SECRET_KEY changed?): store the cookies again',
    );
  }
  if (!cookies || cookies.length === 0) throw authRequired('No LinkedIn session stored');
  return cookies;
}
