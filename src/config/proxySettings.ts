/**
 * The account's proxy as a browser needs it. Its password is write-only: kept out of the
 * settings document (which the API returns and the audit log diffs), encrypted with
 * SECRET_KEY like the LinkedIn cookies, in a settings row of its own.
 */
import type { NetworkSettings } from '../contract/networkSettings.ts';
import { decryptSecret, encryptSecret } from '../crypto.ts';
import type { Store } from '../store/interfaces.ts';
import { loadSettings } from './settingsStore.ts';

const PASSWORD_KEY = 'network.proxy_password';

/** A proxy as Chromium is launched with it: scheme://host:port and the credentials, decrypted. */
export interface ProxyCredentials {
  server: string;
  username?: string;
  password?: string;
}

/** Why a stored proxy cannot be used (a `DecryptionError` of `loadProxy`), in words for the user. */
export const PROXY_PASSWORD_UNREADABLE =
  'The stored proxy password cannot be decrypted (SECRET_KEY changed?): set it again on the LinkedIn session page';

/** Stores the proxy password encrypted; null forgets it. */
export async function saveProxyPassword(
  store: Store,
  accountId: string,
  password: string | null,
  secretKey: string,
  at: string,
): Promise<void> {
  const value = password === null ? null : { encrypted: encryptSecret(password, secretKey) };
  await store.settings.set(accountId, PASSWORD_KEY, value, at);
}

/** `http://host:3128/` → `http://host:3128`: the settings accept a trailing slash, Chromium wants none. */
export function proxyServer(url: string): string {
  const parsed = new URL(url.trim());
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * The account's proxy, or null when it goes direct. Throws `DecryptionError` when the
 * password was stored under another SECRET_KEY.
 */
export async function loadProxy(
  store: Store,
  accountId: string,
  secretKey: string,
  /** The settings already read (a run's); read from the store when omitted. */
  network?: NetworkSettings,
): Promise<ProxyCredentials | null> {
  const proxy = (network ?? (await loadSettings(store, accountId)).network).proxy;
  if (!proxy) return null;
  const stored = proxy.password_set ? await store.settings.get(accountId, PASSWORD_KEY) : null;
  const encrypted = (stored as { encrypted?: unknown } | null)?.encrypted;
  const server = proxyServer(proxy.url);
  if (!proxy.username) return { server };
  const password = typeof encrypted === 'string' ? decryptSecret(encrypted, secretKey) : '';
  return { server, username: proxy.username, password };
}
