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
import { VERSION } from '../version.ts';
import { installAuth, type RouteAuth } from './auth.ts';
import type { App, AppContext } from './context.ts';
import { BODY_LIMIT, installErrorHandling } from './errors.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { blacklistRoutes } from './routes/blacklist.ts';
import { botRoutes } from './routes/bot.ts';
import { dashboardRoutes, findDashboardDir } from './routes/dashboard.ts';
import { eventsRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { historyRoutes } from './routes/history.ts';
import { legacyBotRoutes } from './routes/legacyBot.ts';
import { linkedinDoctorRoutes } from './routes/linkedinDoctor.ts';
import { linkedinSessionRoutes } from './routes/linkedinSession.ts';
import { logsRoutes } from './routes/logs.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { riskNoticeRoutes } from './routes/riskNotice.ts';
import { runsRoutes } from './routes/runs.ts';
import { settingsRoutes } from './routes/settings.ts';
import { statsRoutes } from './routes/stats.ts';
import { templatesRoutes } from './routes/templates.ts';

export type { App } from './context.ts';

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

/** Builds the HTTP server: API, SSE, metrics and docs over the given context. */
export async function buildApp(ctx: AppContext, opts: { dashboardDir?: string | null } = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    // One log line per request would dominate the log and cost throughput; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    // Bursts of status polls must not be refused at the socket.
    return503OnClosing: true,
    // Open event streams (a dashboard tab) must not hold a shutdown forever.
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

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
  app.removeContentTypeParser('application/json');
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
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  installAuth(app, ctx);

  const routes = [
    healthRoutes,
    authRoutes,
    botRoutes,
    runsRoutes,
    historyRoutes,
    logsRoutes,
    statsRoutes,
    eventsRoutes,
    settingsRoutes,
    templatesRoutes,
    blacklistRoutes,
    linkedinSessionRoutes,
    linkedinDoctorRoutes,
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
