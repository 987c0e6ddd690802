import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_ID } from '../domain.ts';
import { createStore } from '../store/index.ts';
import type { Store } from '../store/interfaces.ts';
import { checkLinkedInSession } from './checkSession.ts';
import { LinkedInError } from './interfaces.ts';
import { encryptSessionCookies } from './sessionCookies.ts';
import { SMALL_SANDBOX, startTestSandbox, type TestSandbox } from './testing.ts';

const SECRET = 'a-test-secret-key-of-at-least-32-characters';

let sandbox: TestSandbox;
let store: Store;
let dataDir: string;

async function storeSession(): Promise<void> {
  await store.linkedinSessions.put({
    account_id: DEFAULT_ACCOUNT_ID,
    encrypted: encryptSessionCookies(await sandbox.cookies(), SECRET),
    status: 'unchecked',
    checked_at: null,
    updated_at: new Date().toISOString(),
  });
}

const check = (timeoutMs = 10_000) =>
  checkLinkedInSession({
    store,
    accountId: DEFAULT_ACCOUNT_ID,
    secretKey: SECRET,
    linkedinBaseUrl: sandbox.url,
    timeoutMs,
  });

beforeAll(async () => {
  sandbox = await startTestSandbox();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-open-'));
  store = await createStore({ databaseUrl: path.join(dataDir, 'test.sqlite') });
  await store.accounts.ensure(DEFAULT_ACCOUNT_ID, 'Default', new Date().toISOString());
});

afterAll(async () => {
  await store?.close();
  await sandbox?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await sandbox.reset(SMALL_SANDBOX);
  await store.linkedinSessions.delete(DEFAULT_ACCOUNT_ID);
});

describe('checkLinkedInSession', () => {
  it('needs stored cookies: auth_required without launching anything', async () => {
    const err = await check().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LinkedInError);
    expect((err as LinkedInError).code).toBe('auth_required');
    expect((err as LinkedInError).message).toBe('No LinkedIn session stored');
  });

  it('says valid, then expired once the sandbox expires the session', async () => {
    await storeSession();
    expect(await check()).toBe('valid');
    await sandbox.faults({ session_expired: true });
    expect(await check()).toBe('expired');
  });

  it('refuses cookies encrypted with another key', async () => {
    await store.linkedinSessions.put({
      account_id: DEFAULT_ACCOUNT_ID,
      encrypted: encryptSessionCookies(await sandbox.cookies(), 'another-secret-key-of-32-characters-xx'),
      status: 'unchecked',
      checked_at: null,
      updated_at: new Date().toISOString(),
    });
    const err = await check().catch((e: unknown) => e);
    expect((err as LinkedInError).code).toBe('auth_required');
  });
});
