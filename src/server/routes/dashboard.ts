import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import { authenticate } from '../auth.ts';
import type { App, AppContext } from '../context.ts';

/** Paths the SPA must never shadow: these keep their JSON 404/405 answers. */
const SERVER_PREFIXES = ['/api', '/bot', '/health', '/metrics', '/docs'];

/** The dashboard is not secret (no data in it), but it may only talk to this server. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Toasts and dialogs set inline styles; no inline script is allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** dist/web beside the compiled server, or the build output seen from the sources. */
export function findDashboardDir(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../../web'), path.resolve(here, '../../../dist/web')]) {
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

/**
 * Serves the built dashboard: hashed assets cached for a year, `index.html` never cached,
 * and every other browser path answered with `index.html` (client-side routes).
 */
export async function dashboardRoutes(app: App, ctx: AppContext, dir = findDashboardDir()): Promise<void> {
  const isServerPath = (url: string) => SERVER_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`));

  if (dir) {
    await app.register(fastifyStatic, { root: dir, serve: false });
  }

  const sendIndex = (reply: FastifyReply) => {
    reply.header('content-security-policy', DASHBOARD_CSP);
    reply.header('cache-control', 'no-cache');
    if (!dir) {
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><title>Dashboard not built</title><p>The dashboard is not built: run <code>npm run build</code>.</p>',
        );
    }
    return reply.sendFile('index.html', { cacheControl: false });
  };

  app.get('/', { config: { auth: 'open' }, schema: { hide: true } }, async (_request, reply) =>
    sendIndex(reply),
  );

  app.get('/assets/*', { config: { auth: 'open' }, schema: { hide: true } }, async (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    if (!dir || !fs.existsSync(path.join(dir, 'assets', path.normalize(file).replace(/^(\.\.[/\\])+/, '')))) {
      return reply.callNotFound();
    }
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    return reply.sendFile(path.join('assets', file), { cacheControl: false });
  });

  // Client-side routes (/overview, /runs/…): the SPA shell. Server paths keep their own answers.
  app.get('/*', { config: { auth: 'open' }, schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (isServerPath(url)) {
      await authenticate(ctx, request, 'session_or_key');
      return reply.callNotFound();
    }
    return sendIndex(reply);
  });
}
