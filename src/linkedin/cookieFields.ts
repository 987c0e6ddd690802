/**
 * The fields of a cookie as a user hands them over (a storage state, an extension's
 * export): each checked against what a browser would store, so a hostile or broken one is
 * refused with its name instead of failing every later session check.
 */

/** Browsers cap a cookie's lifetime at 400 days (RFC 6265bis); a day more for clock skew. */
export const MAX_COOKIE_LIFETIME_SECONDS = 401 * 86_400;
export const MAX_COOKIE_PATH_LENGTH = 1024;

/** RFC 6265 `cookie-octet`s, optionally in double quotes (`"ajax:…"`, LinkedIn's JSESSIONID). */
const COOKIE_VALUE =
  /^(?:[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*|"[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*")$/;

/** A host name or an IPv4 address, with the leading dot of a domain cookie (`.linkedin.com`). */
const HOST =
  /^\.?(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** RFC 6265 `path-value`: printable ASCII but ";", from the root. */
const PATH = /^\/[\x20-\x3a\x3c-\x7e]*$/;

export type SameSite = 'Strict' | 'Lax' | 'None';

/**
 * Why a field is refused: a `code` the dashboard words in the user's language (with its
 * parameters, as the API's `details.field_errors` carry them) and the English `message`.
 */
export interface FieldProblem {
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

export function cookieValueProblem(value: string): FieldProblem | null {
  return COOKIE_VALUE.test(value)
    ? null
    : {
        code: 'invalid_cookie_value',
        message:
          'must be cookie characters (RFC 6265): no spaces, commas, ";", "\\", inner quotes or control characters',
      };
}

/** An IPv6 address as a cookie's domain (a local test site's). */
const IPV6 = /^\[?[0-9a-f:.]{2,45}\]?$/i;

export function cookieDomainProblem(domain: string): FieldProblem | null {
  return HOST.test(domain) || IPV6.test(domain)
    ? null
    : { code: 'invalid_cookie_domain', message: 'must be a host name such as .linkedin.com' };
}

/** A string longer than `maximum`, as zod's `too_big` says it. */
export function tooLong(maximum: number): FieldProblem {
  return {
    code: 'too_big',
    message: `must be at most ${maximum} characters`,
    params: { origin: 'string', maximum },
  };
}

export function cookiePathProblem(path: string): FieldProblem | null {
  if (path.length > MAX_COOKIE_PATH_LENGTH) return tooLong(MAX_COOKIE_PATH_LENGTH);
  return PATH.test(path)
    ? null
    : { code: 'invalid_cookie_path', message: 'must start with "/" and hold printable characters but ";"' };
}

/** When a cookie ends: a session cookie (-1), already over, a time (seconds), or why not. */
export type CookieExpiry =
  | { kind: 'session' }
  | { kind: 'expired' }
  | { kind: 'at'; expires: number }
  | { kind: 'invalid'; problem: FieldProblem };

/**
 * `raw`: Playwright's `expires` or an extension's `expirationDate`. Absent or -1 is a session
 * cookie, and so is 0 (what cookies.txt converters write for one).
 */
export function cookieExpiry(raw: number | undefined, nowSeconds: number): CookieExpiry {
  if (raw === undefined || raw === -1 || raw === 0) return { kind: 'session' };
  if (!Number.isFinite(raw) || raw < 0) {
    return {
      kind: 'invalid',
      problem: {
        code: 'invalid_cookie_expiry',
        message: 'must be -1 (a session cookie) or a Unix time in seconds',
      },
    };
  }
  if (raw > nowSeconds + MAX_COOKIE_LIFETIME_SECONDS) {
    return {
      kind: 'invalid',
      problem: {
        code: 'cookie_expiry_too_far',
        message: 'must be within 400 days from now (no browser keeps a cookie longer)',
      },
    };
  }
  const expires = Math.floor(raw);
  return expires <= nowSeconds ? { kind: 'expired' } : { kind: 'at', expires };
}

/**
 * Playwright's names, any case, and the Chrome extensions' (`no_restriction`, `unspecified`:
 * LinkedIn's session cookies are cross-site, None). Null when it is none of them.
 */
export function sameSiteOf(value: string | null | undefined): SameSite | null {
  switch (value?.toLowerCase() ?? 'unspecified') {
    case 'strict':
      return 'Strict';
    case 'lax':
      return 'Lax';
    case 'none':
    case 'no_restriction':
    case 'unspecified':
      return 'None';
    default:
      return null;
  }
}

/**
 * Whether a browser takes a stored cookie: what older versions stored unchecked may not be
 * (an expired one is taken: the browser drops it itself).
 */
export function isUsableCookie(
  cookie: { value: string; domain: string; path: string; expires: number },
  nowSeconds: number,
): boolean {
  return (
    cookieExpiry(cookie.expires, nowSeconds).kind !== 'invalid' &&
    cookieValueProblem(cookie.value) === null &&
    cookieDomainProblem(cookie.domain) === null &&
    cookiePathProblem(cookie.path) === null
  );
}
