/**
 * The account's proxy as a browser needs it. Its password is write-only: kept out of the
 * settings document (which the API returns and the audit log diffs), encrypted with
 * SECRET_KEY like the LinkedIn cookies, in a settings row of its own.
 */
import type { NetworkSettings } from '../contract/networkSettings.ts';
import { DecryptionError, decryptSecret, encryptSecret } from '../crypto.ts';
import type { Store } from '../store/interfaces.ts';
import { loadSettings } from './settingsStore.ts';

const PASSWORD_KEY = 'network.proxy_password';

/** A proxy as Chromium is launched with it: scheme://host:port and the credentials, decrypted. */
export interface ProxyCredentials {
  server: string;
  username?: string;
  password?: string;
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
function proxyServer(url: string): string {
  const parsed = new URL(url.trim());
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * The account's proxy, password decrypted; undefined when the browser goes direct. When the
 * password was stored under another SECRET_KEY, throws what `unreadable(message)` makes: the
 * caller's own `proxy_failed` error.
 */
export async function loadProxy(
  store: Store,
  accountId: string,
  secretKey: string,
  unreadable: (message: string) => Error,
  /** The settings already read (a run's); read from the store when omitted. */
  network?: NetworkSettings,
): Promise<ProxyCredentials | undefined> {
  const proxy = (network ?? (await loadSettings(store, accountId)).network).proxy;
  if (!proxy) return undefined;
  const server = proxyServer(proxy.url);
  if (!proxy.username) return { server };
  const stored = proxy.password_set ? await store.settings.get(accountId, PASSWORD_KEY) : null;
  const encrypted = (stored as { encrypted?: unknown } | null)?.encrypted;
  try {
    const password = typeof encrypted === 'string' ? decryptSecret(encrypted, secretKey) : '';
    return { server, username: proxy.username, password };
  } catch (err) {
    if (!(err instanceof DecryptionError)) throw err;
    throw unreadable(
      'The stored proxy password cannot be decrypted (SECRET_KEY changed?): set it again on the LinkedIn session page',
    );
  }
}
