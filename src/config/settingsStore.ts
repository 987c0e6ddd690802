import type { Store } from '../store/interfaces.ts';
import { type Settings, withDefaults } from './settings.ts';

const SETTINGS_KEY = 'settings';

/**
 * Settings are read on every status request and written only through `saveSettings`, by the
 * server process: a per-store cache spares the JSON and schema parse. Run processes and
 * workers open their own store, so they read fresh values at each run's start.
 */
const cache = new WeakMap<Store, Map<string, Readonly<Settings>>>();

/** The account's settings, defaults filled in. Read-only: build a new object to change them. */
export async function loadSettings(store: Store, accountId: string): Promise<Readonly<Settings>> {
  const cached = cache.get(store)?.get(accountId);
  if (cached) return cached;
  const settings = withDefaults(await store.settings.get(accountId, SETTINGS_KEY));
  remember(store, accountId, settings);
  return settings;
}

/**
 * Saves the account's settings through `write` (the store itself, or a transaction of it:
 * then the cache of `store` is refreshed only once `write` is committed, by the caller's
 * `rememberSettings`).
 */
export async function saveSettings(
  store: Store,
  accountId: string,
  settings: Settings,
  at: string,
  write: Store = store,
): Promise<void> {
  cache.get(store)?.delete(accountId);
  await write.settings.set(accountId, SETTINGS_KEY, settings, at);
  if (write === store) rememberSettings(store, accountId, settings);
}

/** Caches settings just committed (see `saveSettings`). */
export function rememberSettings(store: Store, accountId: string, settings: Settings): void {
  remember(store, accountId, structuredClone(settings));
}

function remember(store: Store, accountId: string, settings: Settings): void {
  let perAccount = cache.get(store);
  if (!perAccount) {
    perAccount = new Map();
    cache.set(store, perAccount);
  }
  perAccount.set(accountId, deepFreeze(settings));
}

/** A shared cached object must not be changed in place by one caller under another. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
