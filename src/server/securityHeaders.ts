import type { FastifyReply } from 'fastify';
import type { App } from './context.ts';

/** The CSP of answers that are not pages (JSON, files, errors): they load nothing, nobody frames them. */
export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Set on every answer; pages (dashboard, /docs) replace the CSP with their own. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': DEFAULT_CSP,
};

/**
 * Installed first: set on the raw response at the start of every request, so they are part of
 * every answer, error and 404, including event streams that write their own head. A route's
 * own value (`reply.header`) takes precedence.
 */
export function installSecurityHeaders(app: App): void {
  app.addHook('onRequest', async (_request, reply) => setSecurityHeaders(reply));
}

export function setSecurityHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.raw.setHeader(name, value);
}

/**
 * The CSP of the API explorer at /docs (Swagger UI): its scripts, styles and the OpenAPI
 * document all come from this server; no inline script, no validator badge from elsewhere.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  // Swagger UI adds a <style> element of its own; scripts stay files of this server.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
