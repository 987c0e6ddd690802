import type { FastifyRequest } from 'fastify';
import type { SessionCookie } from '../linkedin/sessionCookies.ts';
import type { SandboxState } from './state.ts';

/** The sandbox's login: the `li_at` cookie must equal the current session token. */

export const SESSION_COOKIE = 'li_at';

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep the raw value
    }
    if (name && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** Logged in: the right cookie, and no `session_expired` fault. */
export function isLoggedIn(state: SandboxState, request: FastifyRequest): boolean {
  if (state.faults.session_expired) return false;
  return parseCookies(request.headers.cookie).get(SESSION_COOKIE) === state.sessionToken;
}

/**
 * The cookie set that logs a browser into the sandbox, for the host it was asked on: in
 * the shape the bot stores and gives Playwright.
 */
export function sessionCookies(state: SandboxState, hostname: string): SessionCookie[] {
  const domain = hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const base = { domain, path: '/', expires: -1, secure: false, sameSite: 'Lax' as const };
  return [
    { name: SESSION_COOKIE, value: state.sessionToken, httpOnly: true, ...base },
    { name: 'JSESSIONID', value: state.jsessionId, httpOnly: false, ...base },
  ];
}

/** The `Set-Cookie` of a JSESSIONID (host-only, as the sandbox's other cookies). */
export function jsessionCookieHeader(value: string): string {
  return `JSESSIONID=${value}; Path=/; SameSite=Lax`;
}

/** `Set-Cookie` headers for the sandbox's own login form. */
export function setCookieHeaders(state: SandboxState): string[] {
  return [
    `${SESSION_COOKIE}=${state.sessionToken}; Path=/; HttpOnly; SameSite=Lax`,
    jsessionCookieHeader(state.jsessionId),
  ];
}

export function clearCookieHeaders(): string[] {
  return [
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    'JSESSIONID=; Path=/; SameSite=Lax; Max-Age=0',
  ];
}

/** Only same-site paths are followed after a login (no open redirect). */
export function safeRedirect(target: unknown): string {
  if (
    typeof target !== 'string' ||
    !target.startsWith('/') ||
    target.startsWith('//') ||
    target.includes('\\')
  ) {
    return '/feed/';
  }
  return target;
}
