import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/env.ts';
import { crossOrigin, unsupportedMediaType } from '../errors.ts';
import type { App } from './context.ts';
import { ownHostsFor } from './hostGuard.ts';
import { isOwnOrigin } from './ownHosts.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A browser's word on where a write comes from: Origin, else Sec-Fetch-Site; none from scripts. */
function fromOwnOrigin(request: FastifyRequest, config: Config): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    return isOwnOrigin(origin, request.protocol, request.host, ownHostsFor(request, config));
  }
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** A body, or a Content-Type announcing one: only JSON (no form or text/plain "simple request"). */
function hasNonJsonBody(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  if (type === undefined) {
    const length = Number(request.headers['content-length'] ?? 0);
    return length > 0 || request.headers['transfer-encoding'] !== undefined;
  }
  return type.split(';')[0]?.trim().toLowerCase() !== 'application/json';
}

/**
 * Cross-site request forgery defence for writes, after authentication (it needs the actor):
 * - a write sent by a browser with the session cookie (or a login) must come from one of our
 *   own origins: SameSite ignores ports, so a page on another port of 127.0.0.1 would
 *   otherwise post with the cookie (403 `cross_origin`). API-key scripts are not concerned:
 *   a foreign page cannot set X-API-Key without a preflight we never grant;
 * - every write body is JSON (415): form and text/plain posts need no preflight.
 */
export function installWriteGuards(app: App, config: Config): void {
  app.addHook('onRequest', async (request) => {
    if (!WRITE_METHODS.has(request.method)) return;
    if (request.actor?.type !== 'api_key' && !fromOwnOrigin(request, config)) throw crossOrigin();
    if (hasNonJsonBody(request)) throw unsupportedMediaType();
  });
}
