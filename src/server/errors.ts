import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import type { z } from 'zod';
import {
  AppError,
  badRequest,
  methodNotAllowed,
  notFound,
  payloadTooLarge,
  unsupportedMediaType,
} from '../errors.ts';
import { isUnstorableText } from '../store/unstorableText.ts';
import type { App } from './context.ts';

export const BODY_LIMIT = 1024 * 1024;

/** `{"limits.daily": "Too big: …"}`: what the dashboard shows next to each field. */
export function issuesToFields(
  issues: readonly {
    path: readonly PropertyKey[];
    message: string;
    code?: string;
    keys?: readonly string[];
  }[],
  prefix?: string,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean);
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      // Name each unknown field itself rather than its parent object.
      for (const key of issue.keys) fields[[...base, key].join('.')] ??= 'Unknown field';
      continue;
    }
    fields[base.join('.') || 'body'] ??= issue.message;
  }
  return fields;
}

export function invalidInput(error: z.ZodError, prefix?: string): AppError {
  return badRequest('Invalid input', { fields: issuesToFields(error.issues, prefix) });
}

/** Fastify's own errors, by code, as ours. */
function fromFastifyError(err: FastifyError): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return payloadTooLarge(BODY_LIMIT);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return unsupportedMediaType();
    // Raised by the router, before any hook: see answerError.
    case 'FST_ERR_BAD_URL':
      return badRequest('The URL does not decode: a %-escape is malformed or not UTF-8');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return badRequest('A path parameter is too long');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return badRequest('Body is not valid JSON', undefined, 'invalid_json');
    default:
      break;
  }
  if (err.statusCode === 400 && /JSON/i.test(err.message)) {
    return badRequest('Body is not valid JSON', undefined, 'invalid_json');
  }
  if (err.statusCode === 413) return payloadTooLarge(BODY_LIMIT);
  if (err.statusCode === 415) return unsupportedMediaType();
  return null;
}

export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext;
    const fields: Record<string, string> = {};
    for (const v of err.validation) {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const unknownKeys =
        v.keyword === 'unrecognized_keys' ? (v.params as { keys?: string[] }).keys : undefined;
      // Name each unknown field itself rather than its parent object.
      for (const key of unknownKeys ?? []) fields[path ? `${path}.${key}` : key] ??= 'Unknown field';
      if (!unknownKeys?.length) fields[path || where || 'body'] ??= v.message ?? 'Invalid value';
    }
    return badRequest('Invalid input', { fields, in: where });
  }
  if (isUnstorableText(err)) {
    return badRequest('Text with a NUL character cannot be stored or looked up');
  }
  if (err && typeof err === 'object' && 'code' in err) return fromFastifyError(err as FastifyError);
  return null;
}

export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  // A guesser must not keep a warm keep-alive socket for the next try.
  if (error.statusCode === 401) reply.header('connection', 'close');
  if (error.statusCode === 429) {
    const retry = (error.details as { retry_after_seconds?: number } | undefined)?.retry_after_seconds;
    if (retry) reply.header('retry-after', String(retry));
  }
  if (error.statusCode === 405) {
    reply.header('allow', ((error.details as { allowed: string[] }).allowed ?? []).join(', '));
  }
  return reply.code(error.statusCode).send({
    error: {
      code: error.code,
      message: error.message,
      ...(error.details !== undefined ? { details: error.details } : {}),
    },
  });
}

/**
 * Every failure as our JSON error. Also Fastify's `frameworkErrors` option: the router's own
 * refusals (a bad %-escape, an over-long path parameter) otherwise answer in Fastify's shape.
 */
export function answerError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = toAppError(err);
  if (known) return sendError(reply, known);
  const status = (err as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    return sendError(reply, new AppError(status, 'bad_request', (err as Error).message));
  }
  request.log.error({ err }, 'unhandled error');
  return sendError(reply, new AppError(500, 'internal_error', 'Internal server error'));
}

/**
 * One place maps every failure to `{"error":{code,message,details}}`. Unknown errors are
 * logged with their stack and answered as a bare 500: a stack never reaches a client.
 * Must be installed before routes are added (it indexes them to tell 404 from 405).
 */
export function installErrorHandling(app: App): void {
  // Fastify answers an unknown method on a known path with 404; a router of our own,
  // fed with every route, tells the two apart.
  const routes = FindMyWay();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      // The dashboard's catch-all (`/*`) answers every GET: it must not turn 404s into 405s.
      if (method === 'HEAD' || route.url === '/*' || routes.hasRoute(method as HTTPMethod, route.url))
        continue;
      routes.on(method as HTTPMethod, route.url, () => {});
    }
  });

  app.setErrorHandler(answerError);

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const allowed = (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).filter(
      (m) => m !== request.method && routes.find(m, url) !== null,
    );
    if (allowed.length > 0) return sendError(reply, methodNotAllowed(request.method, allowed));
    return sendError(reply, notFound(`No route for ${request.method} ${url}`));
  });
}
