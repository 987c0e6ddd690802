import { type AccountPause, describePauseReason } from './domain.ts';

/**
 * Typed application errors. Every failure a client can see is one of these; the HTTP
 * layer maps them to `{"error":{"code","message","details"}}` in one place.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown, code = 'invalid_input') =>
  new AppError(400, code, message, details);
export const unauthorized = (message = 'Authentication required') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
/** A write with the session cookie (or a login) sent by a page of another origin. */
export const crossOrigin = () =>
  new AppError(403, 'cross_origin', 'This request comes from a page of another site and was refused');
export const notFound = (message = 'Not found', code = 'not_found') => new AppError(404, code, message);
export const methodNotAllowed = (method: string, allowed: string[]) =>
  new AppError(405, 'method_not_allowed', `Method ${method} not allowed here`, { allowed });
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(409, code, message, details);
export const payloadTooLarge = (limit: number) =>
  new AppError(413, 'payload_too_large', `Request body exceeds ${limit} bytes`);
export const unsupportedMediaType = (message = 'Request body must be application/json') =>
  new AppError(415, 'unsupported_media_type', message);
/** A Host that is not one of this server's names (DNS rebinding, or a name to add to PUBLIC_HOSTS). */
export const misdirectedRequest = (host: string | undefined) =>
  new AppError(
    421,
    'misdirected_request',
    `This server does not answer to the name ${JSON.stringify((host ?? '').slice(0, 100))}: open it at 127.0.0.1, localhost or a name of PUBLIC_URL or PUBLIC_HOSTS`,
  );
export const tooManyRequests = (message: string, retryAfterSeconds?: number) =>
  new AppError(
    429,
    'rate_limited',
    message,
    retryAfterSeconds ? { retry_after_seconds: retryAfterSeconds } : undefined,
  );
export const unavailable = (message: string, code = 'unavailable') => new AppError(503, code, message);

export const alreadyRunning = (runId: string) =>
  conflict('already_running', 'A run is already queued or active for this account', { run_id: runId });
export const noActiveRun = () => conflict('no_active_run', 'No run is queued or active');
/** A start while LinkedIn's pushback holds the account's bots: why and since when, nothing queued. */
export const accountPaused = (pause: AccountPause) =>
  conflict(
    'account_paused',
    `The bots of this account are paused since ${pause.since}: ${describePauseReason(pause.reason)}. Resume them on the overview (POST /api/bot/resume) before starting a run`,
    { reason: pause.reason, since: pause.since, run_id: pause.run_id },
  );
/** An action that needs an explicit `confirm: true` (`what` says why). */
export const confirmationRequired = (message: string, details?: Record<string, unknown>) =>
  conflict('confirmation_required', message, details);

/** Invalid configuration: one line per problem, printed at start before exiting 1. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
