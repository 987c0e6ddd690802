/**
 * The account's proxy as a browser needs it. Its password is write-only: kept out of the
 * settings document (which the API returns and the audit log diffs), encrypted with
 * SECRET_KEY like the LinkedIn cookies, in a settings row of its own.
 */
import { decryptSecret, encryptSecret } from '../crypto.ts';
import type { Store } from '../store/interfaces.ts';
import { loadSettings } from './settingsStore.ts';

const PASSWORD_KEY = 'network.proxy_password';

/** A proxy for Chromium: the server (scheme://host:port) and its credentials, decrypted. */
export interface ProxyCredentials {
  server: string;
  username: string | null;
  password: string | null;
}

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
): Promise<ProxyCredentials | null> {
  const proxy = (await loadSettings(store, accountId)).network.proxy;
  if (!proxy) return null;
  const stored = proxy.password_set ? await store.settings.get(accountId, PASSWORD_KEY) : null;
  const encrypted = (stored as { encrypted?: unknown } | null)?.encrypted;
  return {
    server: proxyServer(proxy.url),
    username: proxy.username,
    password: typeof encrypted === 'string' ? decryptSecret(encrypted, secretKey) : null,
  };
}
