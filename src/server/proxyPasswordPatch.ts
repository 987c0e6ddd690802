/**
 * `PATCH /api/settings` and the write-only proxy password: `network.proxy.password` leaves
 * the patch before it is merged (the settings document only says `password_set`), and the
 * merged document's `password_set` says what will be stored once the patch is saved.
 */
import { isPlainObject, type Settings } from '../config/settings.ts';
import { proxyPasswordSchema } from '../contract/networkSettings.ts';
import { type FieldDetails, issuesToDetails } from './errors.ts';

type Json = Record<string, unknown>;

const NO_PROBLEM: FieldDetails = { fields: {}, field_errors: {} };

/** Where the password goes in a patch, and its name in field errors and the audit (never its value). */
export const PASSWORD_PATH = 'network.proxy.password';

export interface PasswordPatch {
  /** The patch without the password. */
  patch: Json;
  /** A new password, null to clear it, undefined to keep the stored one. */
  password: string | null | undefined;
  /** Field errors (never echoing the value). */
  problems: FieldDetails;
  /**
   * `password_set` as the patch sent it (a document sent back as GET answered it), taken
   * out of the patch: accepted only when it says what the saved document will say.
   */
  passwordSet?: unknown;
}

export function takeProxyPassword(body: Json): PasswordPatch {
  const network = body.network;
  const proxy = isPlainObject(network) ? network.proxy : undefined;
  if (!isPlainObject(network) || !isPlainObject(proxy))
    return { patch: body, password: undefined, problems: NO_PROBLEM };
  const echo = 'password_set' in proxy ? { passwordSet: proxy.password_set } : {};
  const { password, password_set: _readOnly, ...rest } = proxy;
  const patch = { ...body, network: { ...network, proxy: rest } };
  if (!('password' in proxy)) return { patch, password: undefined, problems: NO_PROBLEM, ...echo };
  const parsed = proxyPasswordSchema.safeParse(password);
  // One problem at most, named by the password's own path; the value is never echoed.
  const problems = parsed.success
    ? NO_PROBLEM
    : issuesToDetails(
        parsed.error.issues.slice(0, 1).map((i) => ({ ...i, path: [] })),
        PASSWORD_PATH,
        password,
      );
  return { patch, password: parsed.success ? parsed.data : undefined, problems, ...echo };
}

/**
 * A `password_set` sent in a patch is read-only: the field error when it says otherwise than
 * the document about to be saved (`merged`, from `withPasswordSet`), else null.
 */
export function passwordSetProblem(passwordSet: unknown, merged: unknown): Record<string, string> | null {
  if (passwordSet === undefined) return null;
  const proxy = isPlainObject(merged) && isPlainObject(merged.network) ? merged.network.proxy : undefined;
  if (isPlainObject(proxy) && proxy.password_set === passwordSet) return null;
  return { 'network.proxy.password_set': 'Read-only: send "password" (a string; null clears it)' };
}

/**
 * Whether the stored password may stay with the proxy about to be saved: only for the same
 * proxy server. Credentials are never sent to another server than the one they were given
 * for (a proxy URL changed without a new password forgets the old one).
 */
function keepsStoredPassword(current: Settings, next: unknown): boolean {
  const before = current.network.proxy;
  if (!before?.password_set || !isPlainObject(next)) return false;
  return serverOf(next.url) === serverOf(before.url);
}

/** Scheme, host and port of a proxy URL (a URL that does not parse matches nothing). */
function serverOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/**
 * The merged document with `password_set` as the patch leaves it: a new password sets it,
 * null clears it, no password keeps the stored one when the proxy server stays
 * (none for a proxy that was not there, or another server).
 * Returns a new object: the merged one may share the cached, frozen settings.
 */
export function withPasswordSet(merged: unknown, current: Settings, password: string | null | undefined) {
  if (!isPlainObject(merged) || !isPlainObject(merged.network) || !isPlainObject(merged.network.proxy)) {
    return merged;
  }
  const passwordSet =
    password === undefined ? keepsStoredPassword(current, merged.network.proxy) : password !== null;
  const proxy = { ...merged.network.proxy, password_set: passwordSet };
  return { ...merged, network: { ...merged.network, proxy } };
}

/**
 * What to do with the stored password once the document is saved: store a new one, forget
 * it (cleared, the proxy removed, or another server), or nothing.
 */
export function passwordChange(
  current: Settings,
  next: Settings,
  password: string | null | undefined,
): { store: string | null } | null {
  if (next.network.proxy === null || password === null) {
    return current.network.proxy?.password_set ? { store: null } : null;
  }
  if (password !== undefined) return { store: password };
  // No new password: the stored one stays only for the same server.
  return current.network.proxy?.password_set && !keepsStoredPassword(current, next.network.proxy)
    ? { store: null }
    : null;
}
