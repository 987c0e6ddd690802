/**
 * The account's proxy as Chromium is launched with it, and what its failures look like.
 */
import type { LaunchOptions } from 'playwright-core';
import { LinkedInError } from './interfaces.ts';

/** scheme://host:port (http, https or socks5) and, for http(s), the credentials. */
export interface BrowserProxy {
  server: string;
  username?: string;
  password?: string;
}

/**
 * Playwright's `proxy` launch option. Bypass for nothing, loopback included: Chromium skips
 * the proxy for localhost by default, and `<-loopback>` is the rule that removes that
 * implicit bypass. Playwright adds it itself unless told otherwise; saying it here keeps it
 * whatever its version, so the sandbox on 127.0.0.1 is reached through the proxy as
 * LinkedIn would be (the end-to-end test relies on it).
 */
export function proxyLaunchOption(proxy: BrowserProxy): NonNullable<LaunchOptions['proxy']> {
  return {
    server: proxy.server,
    bypass: '<-loopback>',
    ...(proxy.username ? { username: proxy.username, password: proxy.password ?? '' } : {}),
  };
}

/** Chromium's network errors that mean the proxy, not the site, failed. */
export const PROXY_NET_ERROR = /net::ERR_(PROXY_\w+|TUNNEL_CONNECTION_FAILED|SOCKS_\w+|MANDATORY_PROXY\w*)/;

/** A page answered 407: the proxy, not LinkedIn, refused (wrong or missing credentials). */
export function assertProxyAccepted(status: number | undefined): void {
  if (status === 407) {
    throw new LinkedInError('proxy_failed', 'The proxy refused its credentials (HTTP 407): check them');
  }
}
