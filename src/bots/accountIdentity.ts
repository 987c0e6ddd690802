/**
 * The account's browser identity as every browser of the account starts with it (the run,
 * the session check, the page check): the stored one, made on the first start, adjusted
 * when the session now comes from another browser (`reconcileBrowserIdentity`).
 */

import {
  type BrowserIdentity,
  createBrowserIdentity,
  parseBrowserIdentity,
  type Random,
  reconcileBrowserIdentity,
  withLinkedInLanguage,
} from '../linkedin/fingerprint/browserIdentity.ts';
import type { Store } from '../store/interfaces.ts';

/** Browsers of the account starting at the same moment: each retries on the other's write. */
const ATTEMPTS = 3;

/** The account's identity, stored on first use; null when no LinkedIn session is stored. */
export async function loadBrowserIdentity(
  store: Store,
  accountId: string,
  random: Random = Math.random,
): Promise<BrowserIdentity | null> {
  const sessions = store.linkedinSessions;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const session = await sessions.get(accountId);
    if (!session) return null;
    const storedJson = await sessions.getBrowserIdentity(accountId);
    const stored = parseBrowserIdentity(storedJson);
    const identity = stored
      ? reconcileBrowserIdentity(stored, session.user_agent, random)
      : createBrowserIdentity(session.user_agent, random);
    if (identity === stored) return stored;
    if (await sessions.replaceBrowserIdentity(accountId, JSON.stringify(identity), storedJson))
      return identity;
  }
  // Still changing under us: whatever is stored now.
  return parseBrowserIdentity(await sessions.getBrowserIdentity(accountId));
}

/**
 * Records the language LinkedIn served the member's pages in (`<html lang>` at the end of a
 * run): the account's browser then speaks it from the next start on. False when nothing
 * changed (already known, not a language, no identity, or the identity changed meanwhile).
 */
export async function rememberLinkedInLanguage(
  store: Store,
  accountId: string,
  pageLanguage: string | null,
): Promise<boolean> {
  const storedJson = await store.linkedinSessions.getBrowserIdentity(accountId);
  const stored = parseBrowserIdentity(storedJson);
  if (!stored) return false;
  const updated = withLinkedInLanguage(stored, pageLanguage);
  if (updated === stored) return false;
  return store.linkedinSessions.replaceBrowserIdentity(accountId, JSON.stringify(updated), storedJson);
}
