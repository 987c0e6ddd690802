/**
 * The LinkedIn part of a browser's storage state, in the shape the store keeps: cookies and
 * local storage on LinkedIn's domains, whatever site the browser was pointed at. A browser
 * pointed at the sandbox holds them on the sandbox's host; they are stored as LinkedIn's (as
 * the cookies a user stores are) and rebased onto the base URL again when a browser starts
 * (`cookiesForBaseUrl`, `originsForBaseUrl`).
 */
import type { Cookie } from 'playwright-core';
import { LINKEDIN_HOST } from './selectors.ts';
import {
  isLinkedInDomain,
  LINKEDIN_COOKIE_DOMAIN,
  type SessionCookie,
  type StoredOrigin,
} from './sessionCookies.ts';

/** The origin LinkedIn's local storage is stored under. */
export const LINKEDIN_ORIGIN = 'https://www.linkedin.com';

/** An origin of a Playwright storage state (only its local storage is kept). */
export interface BrowserOrigin {
  origin: string;
  localStorage: { name: string; value: string }[];
}

function pointsAtLinkedIn(base: URL): boolean {
  return LINKEDIN_HOST.test(base.hostname);
}

function isLinkedInOrigin(origin: string): boolean {
  try {
    return LINKEDIN_HOST.test(new URL(origin).hostname);
  } catch {
    return false;
  }
}

function cookieHost(domain: string): string {
  return domain.replace(/^\./, '').toLowerCase();
}

/**
 * The browser's cookies that belong to LinkedIn (for a browser pointed elsewhere: to that
 * host, stored on `.linkedin.com`), as SessionCookies: whole-second expiry, no partition key.
 */
export function linkedInCookiesOf(cookies: readonly Cookie[], baseUrl: string): SessionCookie[] {
  const base = new URL(baseUrl);
  const real = pointsAtLinkedIn(base);
  const host = base.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    cookies
      // A partitioned cookie was set in another site's frame: not LinkedIn's own session.
      .filter((c) => !c.partitionKey)
      .filter((c) => (real ? isLinkedInDomain(c.domain) : cookieHost(c.domain) === host))
      .map((c) => ({
        name: c.name,
        value: c.value,
        domain: real ? c.domain : LINKEDIN_COOKIE_DOMAIN,
        path: c.path,
        expires: c.expires > 0 ? Math.floor(c.expires) : -1,
        httpOnly: c.httpOnly,
        secure: c.secure,
        sameSite: c.sameSite,
      }))
  );
}

/** The local storage of LinkedIn's origins (for a browser pointed elsewhere: of its base URL's). */
export function linkedInOriginsOf(origins: readonly BrowserOrigin[], baseUrl: string): StoredOrigin[] {
  const base = new URL(baseUrl);
  const real = pointsAtLinkedIn(base);
  return origins
    .filter((o) => (real ? isLinkedInOrigin(o.origin) : o.origin === base.origin))
    .map((o) => ({
      origin: real ? o.origin : LINKEDIN_ORIGIN,
      localStorage: o.localStorage.map(({ name, value }) => ({ name, value })),
    }));
}

/** Stored local storage as it must be given to a browser pointed at `baseUrl`. */
export function originsForBaseUrl(origins: readonly StoredOrigin[], baseUrl: string): StoredOrigin[] {
  const base = new URL(baseUrl);
  if (pointsAtLinkedIn(base)) return origins.filter((o) => isLinkedInOrigin(o.origin));
  return origins
    .filter((o) => o.origin === LINKEDIN_ORIGIN)
    .map((o) => ({ origin: base.origin, localStorage: o.localStorage }));
}

const cookieKey = (c: SessionCookie) => `${c.name}\u0000${c.domain}\u0000${c.path}`;

/** Names of the cookies set, changed (value or expiry) or dropped from `before` to `after`, once each. */
export function changedCookieNames(
  before: readonly SessionCookie[],
  after: readonly SessionCookie[],
): string[] {
  const previous = new Map(before.map((c) => [cookieKey(c), c]));
  const names = new Set<string>();
  for (const cookie of after) {
    const was = previous.get(cookieKey(cookie));
    previous.delete(cookieKey(cookie));
    if (!was || was.value !== cookie.value || was.expires !== cookie.expires) names.add(cookie.name);
  }
  for (const dropped of previous.values()) names.add(dropped.name);
  return [...names];
}

function canonicalOrigins(origins: readonly StoredOrigin[]): string {
  const sorted = origins
    .map((o) => ({
      origin: o.origin,
      entries: o.localStorage.map((e) => [e.name, e.value]).sort(([a], [b]) => (a! < b! ? -1 : 1)),
    }))
    .sort((a, b) => (a.origin < b.origin ? -1 : 1));
  return JSON.stringify(sorted);
}

/** Whether two local storages hold the same entries (order aside). */
export function sameOrigins(a: readonly StoredOrigin[], b: readonly StoredOrigin[]): boolean {
  return canonicalOrigins(a) === canonicalOrigins(b);
}
