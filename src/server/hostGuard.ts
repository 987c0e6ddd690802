import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/env.ts';
import { misdirectedRequest } from '../errors.ts';
import type { App } from './context.ts';
import { isOwnHost, type OwnHosts, ownHostsOf, parseHostPort } from './ownHosts.ts';

/** Answers whatever the Host: container health checks use any name. */
const ANY_HOST_ROUTES = new Set(['/health']);

/** PUBLIC_URL and PUBLIC_HOSTS parsed once per configuration. */
const parsed = new WeakMap<Config, OwnHosts>();

/**
 * This server's names as seen by one request: the listen port is the socket's; a request
 * without a socket (`app.inject`) was sent to the port its Host names.
 */
export function ownHostsFor(request: FastifyRequest, config: Config): OwnHosts {
  const socketPort = (request.raw.socket as { localPort?: number } | undefined)?.localPort;
  const hostPort = parseHostPort(request.headers.host ?? '')?.port;
  const listenPort = socketPort ?? Number(hostPort ?? (request.protocol === 'https' ? 443 : 80));
  let base = parsed.get(config);
  if (!base) {
    base = ownHostsOf(config, 0);
    parsed.set(config, base);
  }
  return { ...base, listenPort };
}

/**
 * DNS rebinding defence: a page of another site whose name was made to resolve to this
 * machine reaches us with its own name in Host. Any name not ours gets 421 before any route
 * or authentication runs. The forwarded host (TRUST_PROXY) must be ours as well.
 */
export function installHostGuard(app: App, config: Config): void {
  app.addHook('onRequest', async (request) => {
    if (ANY_HOST_ROUTES.has(request.routeOptions.url ?? '')) return;
    const own = ownHostsFor(request, config);
    const raw = request.headers.host;
    if (!isOwnHost(raw, own)) throw misdirectedRequest(raw);
    if (request.host !== raw && !isOwnHost(request.host, own)) throw misdirectedRequest(request.host);
  });
}
