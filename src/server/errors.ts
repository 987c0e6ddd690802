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

/**
 * Why a field was refused, for programs: `code` plus its parameters (`maximum`, `minimum`,
 * `origin`, `expected`, `values`, `format`). The dashboard words it in the user's language;
 * `details.fields` keeps the English sentence for people reading the API.
 */
export interface FieldError {
  code: string;
  [param: string]: unknown;
}

export interface FieldDetails {
  /** English, one sentence per field path (`{"limits.daily": "Too big: …"}`). */
  fields: Record<string, string>;
  /** The same paths, as codes: see `FieldError`. */
  field_errors: Record<string, FieldError>;
}

interface Issue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  keys?: readonly string[];
  params?: Record<string, unknown>;
}

/** The value at `path` inside `input`, or undefined. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let here = input;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

const PASSED_PARAMS = ['maximum', 'minimum', 'inclusive', 'origin', 'expected', 'values', 'format'] as const;

/** The machine-readable side of one zod issue. */
function fieldErrorOf(issue: Issue, input: unknown): FieldError {
  const custom = issue.params?.code;
  if (typeof custom === 'string') return { ...issue.params, code: custom };
  const params: Record<string, unknown> = {};
  for (const key of PASSED_PARAMS) {
    const v = (issue as unknown as Record<string, unknown>)[key];
    // Sizes are numbers in our schemas; zod reports bigints for bigint ones.
    if (v !== undefined) params[key] = typeof v === 'bigint' ? Number(v) : v;
  }
  switch (issue.code) {
    case 'invalid_type': {
      const value = 'input' in issue ? (issue as { input?: unknown }).input : valueAt(input, issue.path);
      return value === undefined || value === null
        ? { code: 'required' }
        : { code: 'invalid_type', ...params };
    }
    case 'too_big':
    case 'too_small':
    case 'invalid_format':
    case 'invalid_value':
      return { code: issue.code, ...params };
    default:
      return { code: 'invalid' };
  }
}

/**
 * `{fields, field_errors}` of zod issues: what the dashboard shows next to each field.
 * `input` is what was validated: it tells a missing value (`required`) from a wrong one.
 */
export function issuesToDetails(issues: readonly Issue[], prefix?: string, input?: unknown): FieldDetails {
  const fields: Record<string, string> = {};
  const field_errors: Record<string, FieldError> = {};
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean);
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      // Name each unknown field itself rather than its parent object.
      for (const key of issue.keys) {
        const path = [...base, key].join('.');
        fields[path] ??= 'Unknown field';
        field_errors[path] ??= { code: 'unknown_field' };
      }
      continue;
    }
    const path = base.join('.') || 'body';
    fields[path] ??= issue.message;
    field_errors[path] ??= fieldErrorOf(issue, input);
  }
  return { fields, field_errors };
}

/** `{"limits.daily": "Too big: …"}`: the English side of `issuesToDetails`. */
export function issuesToFields(issues: readonly Issue[], prefix?: string): Record<string, string> {
  return issuesToDetails(issues, prefix).fields;
}

export function invalidInput(error: z.ZodError, prefix?: string, input?: unknown): AppError {
  return badRequest('Invalid input', issuesToDetails(error.issues, prefix, input));
}

/**
 * Every `details.fields` path also in `details.field_errors`: a route that names a field
 * without a code (`{"job_type": "must be one of …"}`) gets `{"code": "invalid"}` for it.
 */
function withFieldErrors(details: unknown): unknown {
  if (details === null || typeof details !== 'object' || !('fields' in details)) return details;
  const { fields, field_errors } = details as { fields?: unknown; field_errors?: Record<string, FieldError> };
  if (fields === null || typeof fields !== 'object') return details;
  const codes: Record<string, FieldError> = {};
  for (const path of Object.keys(fields)) codes[path] = field_errors?.[path] ?? { code: 'invalid' };
  return { ...details, field_errors: codes };
}

function renameKey<V>(record: Record<string, V>, from: string, to: string): Record<string, V> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
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

/**
 * A failure as our error, or null for an unknown one. `request` gives the validated input,
 * which tells a missing field (`required`) from a wrong one.
 */
export function toAppError(err: unknown, request?: FastifyRequest): AppError | null {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext;
    const input = where && request ? (request as unknown as Record<string, unknown>)[where] : undefined;
    // Back to zod's issues: one mapping for route schemas and the routes' own parses.
    const issues: Issue[] = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean);
      return {
        ...(v.params as Record<string, unknown>),
        path,
        code: v.keyword,
        message: v.message ?? 'Invalid value',
      };
    });
    const details = issuesToDetails(issues, undefined, input);
    if (where && details.fields.body && where !== 'body') {
      // A whole querystring or params object refused: name it.
      details.fields = renameKey(details.fields, 'body', where);
      details.field_errors = renameKey(details.field_errors, 'body', where);
    }
    return badRequest('Invalid input', { ...details, in: where });
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
      ...(error.details !== undefined ? { details: withFieldErrors(error.details) } : {}),
    },
  });
}

/**
 * Every failure as our JSON error. Also Fastify's `frameworkErrors` option: the router's own
 * refusals (a bad %-escape, an over-long path parameter) otherwise answer in Fastify's shape.
 */
export function answerError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = toAppError(err, request);
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
