import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeLinkedInSession, TEST_SECRET_KEY } from '../../test/support/linkedinSession.ts';
import { DEFAULT_ACCOUNT_ID } from '../domain.ts';
import { encryptSessionCookies, parseSessionInput, type SessionCookie } from '../linkedin/sessionCookies.ts';
import { loadLinkedInCookies, requireLinkedInCookies } from './storedCookies.ts';
import { createTestStore, type TestStore } from './testing/context.ts';

/** A session as `PUT /api/linkedin/session` stores it. */
function sessionCookies(): SessionCookie[] {
  const parsed = parseSessionInput({ li_at: 'AQEDAT-test-session', JSESSIONID: 'ajax:1' }, new Date());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
  return parsed.cookies;
}
const COOKIES = sessionCookies();

class AuthRequired extends Error {}
const authRequired = (message: string) => new AuthRequired(message);

let ts: TestStore;

beforeEach(async () => {
  ts = await createTestStore();
});

afterEach(async () => {
  await ts.close();
});

const required = () => requireLinkedInCookies(ts.store, DEFAULT_ACCOUNT_ID, TEST_SECRET_KEY, authRequired);

describe('the stored LinkedIn cookies', () => {
  it('are decrypted for the account; none stored: null', async () => {
    expect(await loadLinkedInCookies(ts.store, DEFAULT_ACCOUNT_ID, TEST_SECRET_KEY)).toBeNull();
    await storeLinkedInSession(ts.store, { encrypted: encryptSessionCookies(COOKIES, TEST_SECRET_KEY) });
    expect(await loadLinkedInCookies(ts.store, DEFAULT_ACCOUNT_ID, TEST_SECRET_KEY)).toEqual(COOKIES);
    expect(await required()).toEqual(COOKIES);
  });

  it('are required: the caller’s auth_required error when none are stored', async () => {
    const err = await required().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthRequired);
    expect((err as Error).message).toBe('No LinkedIn session stored');
  });

  it('refuses cookies encrypted with another key', async () => {
    await storeLinkedInSession(ts.store, {
      encrypted: encryptSessionCookies(COOKIES, 'another-secret-key-of-32-characters-xx'),
    });
    const err = await required().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthRequired);
    expect((err as Error).message).toMatch(/cannot be decrypted \(SECRET_KEY changed\?\)/);
  });
});
