/** A test account's stored LinkedIn session. */
import { DEFAULT_ACCOUNT_ID } from '../../src/domain.ts';
import type { Store, StoredLinkedInSession } from '../../src/store/interfaces.ts';

/** A SECRET_KEY for tests that encrypt cookies. */
export const TEST_SECRET_KEY = 'a-test-secret-key-of-at-least-32-characters';

/**
 * Stores a LinkedIn session for the default account, `valid` and updated now unless said
 * otherwise; its `encrypted` is a placeholder unless given (a test that opens a browser
 * passes `encryptSessionCookies(…)`).
 */
export async function storeLinkedInSession(
  store: Store,
  session: Partial<Omit<StoredLinkedInSession, 'account_id'>> = {},
): Promise<void> {
  await store.linkedinSessions.put({
    account_id: DEFAULT_ACCOUNT_ID,
    encrypted: 'x',
    status: 'valid',
    checked_at: null,
    updated_at: new Date().toISOString(),
    ...session,
  });
}
