import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config/env.ts';
import { VERSION } from '../version.ts';
import { installAuth, type RouteAuth } from './auth.ts';
import type { App, AppContext } from './context.ts';
import { answerError, BODY_LIMIT, installErrorHandling } from './errors.ts';
import { installHostGuard } from './hostGuard.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { birthdaysRoutes } from './routes/birthdays.ts';
import { blacklistRoutes } from './routes/blacklist.ts';
import { botRoutes } from './routes/bot.ts';
import { contactsRoutes } from './routes/contacts.ts';
import { dashboardRoutes, findDashboardDir } from './routes/dashboard.ts';
import { eventsRoutes } from './routes/events.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { historyRoutes } from './routes/history.ts';
import { legacyBotRoutes } from './routes/legacyBot.ts';
import { linkedinDoctorRoutes } from './routes/linkedinDoctor.ts';
import { linkedinSessionRoutes } from './routes/linkedinSession.ts';
import { logsRoutes } from './routes/logs.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { notificationsRoutes } from './routes/notifications.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { riskNoticeRoutes } from './routes/riskNotice.ts';
import { runsRoutes } from './routes/runs.ts';
import { settingsRoutes } from './routes/settings.ts';
import { statsRoutes } from './routes/stats.ts';
import { templatesRoutes } from './routes/templates.ts';
import { DOCS_CSP, installSecurityHeaders, setSecurityHeaders } from './securityHeaders.ts';
import { installWriteGuards } from './writeGuard.ts';

export type { App } from './context.ts';

/** Connections the server holds at once (a dashboard takes a few; more are dropped at accept). */
export const MAX_CONNECTIONS = 256;

export interface RouteEntry {
  method: string;
  url: string;
  auth: RouteAuth;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

/**
 * TRUST_PROXY as Fastify takes it. Fastify 5 treats a bare hop count as "trust nobody", so a
 * count becomes the rule it means: the nearest `hops` addresses (the socket's included) are
 * proxies, the one before them is the client.
 */
export function trustProxyOption(
  setting: Config['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting !== 'number') return setting;
  return (_address: string, hop: number) => hop < setting;
}

/** Builds the HTTP server: API, SSE, metrics and docs over the given context. */
export async function buildApp(ctx: AppContext, opts: { dashboardDir?: string | null } = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    // One log line per request would dominate the log and cost throughput; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    // TRUST_PROXY: request.ip is the forwarded client address only behind a proxy so configured
    // (the login limiter keys on it); off, X-Forwarded-For is ignored.
    trustProxy: trustProxyOption(ctx.config.trustProxy),
    // Bad URLs fail in the router, before any hook: same error shape, same headers.
    frameworkErrors: (err, request, reply) => {
      setSecurityHeaders(reply);
      return answerError(err, request, reply);
    },
    // Bursts of status polls must not be refused at the socket.
    return503OnClosing: true,
    // Open event streams (a dashboard tab) must not hold a shutdown forever.
    forceCloseConnections: true,
    // Slow senders (slowloris) are cut: the headers within 15 s, the whole request within 30 s.
    // Both count until the request is received only: an event stream stays open for hours.
    // No idle timeout on sockets (connectionTimeout): the page check answers after a silent minute.
    requestTimeout: 30_000,
    http: { headersTimeout: 15_000, connectionsCheckingInterval: 5_000 },
    // An idle keep-alive socket is closed after 65 s (longer than reverse proxies keep theirs).
    keepAliveTimeout: 65_000,
  }).withTypeProvider<ZodTypeProvider>();
  app.server.maxConnections = MAX_CONNECTIONS;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // First of every request: the headers (so even a 421 has them), then the Host.
  installSecurityHeaders(app);
  installHostGuard(app, ctx.config);

  // The route table, with each route's access rule: tests walk it so no route escapes auth.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, auth: route.config?.auth ?? 'session_or_key' });
    }
  });

  // Scripts often send `Content-Type: application/json` with no body on a stop: that is `{}`.
  // JSON only: text/plain and forms are what a foreign page can post without a preflight.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_req, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        const err = Object.assign(new Error('Body is not valid JSON'), {
          statusCode: 400,
          code: 'FST_ERR_CTP_INVALID_JSON_BODY',
        });
        done(err, undefined);
      }
    },
  );

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'linkedin-birthday-bot',
        description:
          'Control API of linkedin-birthday-bot. `/api/*` takes the dashboard session cookie or `X-API-Key`; `/bot/*` and `/metrics` take `X-API-Key`.',
        version: VERSION,
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          session: { type: 'apiKey', in: 'cookie', name: 'lbb_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });

  installAuth(app, ctx);
  installWriteGuards(app, ctx.config);

  const routes = [
    healthRoutes,
    authRoutes,
    botRoutes,
    runsRoutes,
    historyRoutes,
    logsRoutes,
    statsRoutes,
    exportRoutes,
    eventsRoutes,
    settingsRoutes,
    templatesRoutes,
    contactsRoutes,
    blacklistRoutes,
    birthdaysRoutes,
    linkedinSessionRoutes,
    linkedinDoctorRoutes,
    notificationsRoutes,
    auditRoutes,
    riskNoticeRoutes,
    privacyRoutes,
    legacyBotRoutes,
    metricsRoutes,
  ];
  for (const route of routes) await app.register(async (scope) => route(scope as App, ctx));
  // Last: its catch-all must only get what no API route claims.
  await app.register(async (scope) =>
    dashboardRoutes(scope as App, ctx, opts.dashboardDir ?? findDashboardDir()),
  );
  return app;
}
