import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/authService.ts';
import type { Actor } from '../domain.ts';
import { unauthorized } from '../errors.ts';
import type { App, AppContext } from './context.ts';

/**
 * Route access, declared per route with `config.auth`:
 * - `open`: anyone (only /health and /api/auth/login),
 * - `key`: the `X-API-Key` header (/bot/*, /metrics),
 * - default: the dashboard session cookie or the API key.
 */
export type RouteAuth = 'open' | 'key' | 'session_or_key';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function installAuth(app: App, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    await authenticate(ctx, request, request.routeOptions.config?.auth ?? 'session_or_key');
  });
}

/** Sets `request.actor` from the API key or the session cookie, or throws 401. */
export async function authenticate(ctx: AppContext, request: FastifyRequest, mode: RouteAuth): Promise<void> {
  if (mode === 'open') return;
  const key = request.headers['x-api-key'];
  if (typeof key === 'string' && ctx.auth.checkApiKey(key)) {
    request.actor = { type: 'api_key', id: 'api_key' };
    return;
  }
  if (mode === 'session_or_key') {
    const user = await ctx.auth.userForToken(request.cookies[SESSION_COOKIE]);
    if (user) {
      request.actor = { type: 'user', id: user.username };
      return;
    }
  }
  throw unauthorized(mode === 'key' ? 'A valid X-API-Key header is required' : 'Authentication required');
}

/** The authenticated actor of a request (routes behind auth always have one). */
export function actorOf(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
