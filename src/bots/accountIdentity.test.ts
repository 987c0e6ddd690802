import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../store/index.ts';
import { loadBrowserIdentity, rememberLinkedInLanguage } from './accountIdentity.ts';

const MAC_CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';
const WINDOWS_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/151.0.0.0 Safari/537.36';
const ACCOUNT = 'default';

let dataDir: string;
let store: Store;
beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-identity-'));
  store = await createStore({ databaseUrl: path.join(dataDir, 'test.sqlite') });
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const putSession = (userAgent: string | null, at = '2025-06-15T10:00:00.000Z') =>
  store.linkedinSessions.put({
    account_id: ACCOUNT,
    encrypted: `v1.${at}`,
    status: 'unchecked',
    checked_at: null,
    updated_at: at,
    user_agent: userAgent,
  });

describe('loadBrowserIdentity', () => {
  it('has none without a LinkedIn session', async () => {
    expect(await loadBrowserIdentity(store, ACCOUNT)).toBeNull();
  });

  it('makes the account’s identity once, then gives the same one to every browser', async () => {
    await putSession(null);
    const first = await loadBrowserIdentity(store, ACCOUNT);
    expect(first?.platformSource).toBe('random');
    for (let i = 0; i < 3; i++) expect(await loadBrowserIdentity(store, ACCOUNT)).toEqual(first);
    // Browsers starting together agree on one identity.
    const together = await Promise.all([1, 2, 3].map(() => loadBrowserIdentity(store, ACCOUNT)));
    for (const identity of together) expect(identity).toEqual(first);
    // New cookies from an unknown browser keep it.
    await putSession(null, '2025-06-16T10:00:00.000Z');
    expect(await loadBrowserIdentity(store, ACCOUNT)).toEqual(first);
  });

  it('takes the system of the browser the session comes from, and follows it when it changes', async () => {
    await putSession(MAC_CHROME);
    const mac = await loadBrowserIdentity(store, ACCOUNT);
    expect(mac).toMatchObject({ platform: 'macos', chromeMajor: 150, platformSource: 'user_agent' });
    await putSession(WINDOWS_CHROME, '2025-06-16T10:00:00.000Z');
    const windows = await loadBrowserIdentity(store, ACCOUNT);
    expect(windows).toMatchObject({ platform: 'windows', chromeMajor: 151 });
    expect(await loadBrowserIdentity(store, ACCOUNT)).toEqual(windows);
  });

  it('forgets it with the session', async () => {
    await putSession(null);
    const before = await loadBrowserIdentity(store, ACCOUNT);
    await store.linkedinSessions.delete(ACCOUNT);
    expect(await loadBrowserIdentity(store, ACCOUNT)).toBeNull();
    await putSession(null);
    // A new identity is drawn: it may match by chance, but it is stored anew.
    expect(await store.linkedinSessions.getBrowserIdentity(ACCOUNT)).toBeNull();
    const after = await loadBrowserIdentity(store, ACCOUNT);
    expect(JSON.parse((await store.linkedinSessions.getBrowserIdentity(ACCOUNT))!)).toEqual(after);
    expect(before).not.toBeNull();
  });
});

describe('rememberLinkedInLanguage', () => {
  it('records the language LinkedIn served, once, keeping the rest of the identity', async () => {
    await putSession(WINDOWS_CHROME);
    const before = await loadBrowserIdentity(store, ACCOUNT);
    expect(before?.linkedinLanguage).toBeUndefined();

    expect(await rememberLinkedInLanguage(store, ACCOUNT, 'fr')).toBe(true);
    const after = await loadBrowserIdentity(store, ACCOUNT);
    expect(after).toEqual({ ...before, linkedinLanguage: 'fr' });
    // The same language again, or something that is no language, changes nothing.
    expect(await rememberLinkedInLanguage(store, ACCOUNT, 'FR')).toBe(false);
    expect(await rememberLinkedInLanguage(store, ACCOUNT, '"><script>')).toBe(false);
    expect(await rememberLinkedInLanguage(store, ACCOUNT, null)).toBe(false);
    expect(await loadBrowserIdentity(store, ACCOUNT)).toEqual(after);
  });

  it('has nothing to record without a session and its identity', async () => {
    expect(await rememberLinkedInLanguage(store, ACCOUNT, 'de')).toBe(false);
  });
});
