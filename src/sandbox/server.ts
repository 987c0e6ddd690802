import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { adminRoutes } from './admin.ts';
import type { Faults } from './faults.ts';
import { installFingerprintCheck } from './fingerprint.ts';
import { inputLogRoutes } from './inputLog.ts';
import { rotateJsessionOnPageLoads } from './jsessionRotation.ts';
import { pageContext } from './pages/layout.ts';
import { notFoundPage } from './pages/profile.ts';
import { sduiNotFoundPage } from './pages/sdui/pages.ts';
import { linkedinRoutes, sendHtml } from './routes.ts';
import { isLoggedIn } from './session.ts';
import { SandboxState } from './state.ts';
import type { ResetOptions } from './world.ts';

/**
 * The LinkedIn sandbox: a local site shaped like the LinkedIn pages the bots use, with
 * seeded contacts, a cookie login, fault injection and an admin API under `/__sandbox/`.
 * It never contacts anything; it binds 127.0.0.1 by default.
 */

export interface SandboxOptions extends Partial<ResetOptions> {
  /** Faults to start with (the admin API changes them later). */
  faults?: Partial<Faults>;
  /** The clock (tests); birthdays and invitation ages are relative to it. */
  now?: () => Date;
  /** Fastify request logging; off by default. */
  logger?: boolean;
}

export interface StartSandboxOptions extends SandboxOptions {
  /** 0 = any free port. */
  port: number;
  host?: string;
}

export interface SandboxHandle {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  port: number;
  state: SandboxState;
  close(): Promise<void>;
}

const BODY_LIMIT = 1024 * 1024;

export function createSandboxApp(opts: SandboxOptions = {}): { app: FastifyInstance; state: SandboxState } {
  const { faults, now, logger, ...reset } = opts;
  const state = new SandboxState(reset, now);
  if (faults) state.setFaults(faults);

  const app = Fastify({
    logger: logger ?? false,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true },
    forceCloseConnections: true,
  });

  // An empty JSON body is `{}` (scripts often POST `/__sandbox/reset` with no body).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body).trim();
    if (text === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      const error = new Error('Body is not valid JSON') as FastifyError;
      error.statusCode = 400;
      error.code = 'invalid_json';
      done(error, undefined);
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const code =
      status === 500
        ? 'internal'
        : error.code === 'invalid_json'
          ? 'invalid_json'
          : (error.code ?? 'bad_request');
    return reply
      .code(status)
      .send({ error: { code, message: status === 500 ? 'Internal error' : error.message } });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/__sandbox') || path.startsWith('/voyager')) {
      return reply
        .code(404)
        .send({ error: { code: 'not_found', message: `No route ${request.method} ${path}` } });
    }
    const ctx = pageContext(state);
    const loggedIn = isLoggedIn(state, request);
    const page = ctx.variant === 'sdui' ? sduiNotFoundPage(ctx, loggedIn) : notFoundPage(ctx, loggedIn);
    return sendHtml(reply, page, 404);
  });

  rotateJsessionOnPageLoads(app, state);
  // Before the pages: its recording applies to every page registered after it.
  installFingerprintCheck(app, now ?? (() => new Date()));
  void app.register(adminRoutes, { state });
  void app.register(inputLogRoutes, { input: state.input });
  void app.register(linkedinRoutes, { state });
  return { app, state };
}

export async function startSandbox(opts: StartSandboxOptions): Promise<SandboxHandle> {
  const { port, host = '127.0.0.1', ...rest } = opts;
  const { app, state } = createSandboxApp(rest);
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  let closed: Promise<void> | null = null;
  return {
    url,
    port: actualPort,
    state,
    close: () => {
      closed ??= app.close();
      return closed;
    },
  };
}
