/**
 * The one HTTP client of the notification channels (webhook, Telegram, ntfy). A receiver is
 * an address the user typed, so the client stays on a short leash: http(s) only, redirects
 * followed by hand and only within the first URL's origin (a redirect elsewhere could leak
 * the payload or a token to a host the user never named), one deadline for the whole
 * exchange, and at most 1 KB of the answer read (a huge or endless body is cut off, never
 * buffered). Error texts never carry a secret: the caller names its secrets, and Telegram's
 * `/bot<token>/` path segment is masked in any case.
 */
import http from 'node:http';
import https from 'node:https';

/** What a delivery keeps of an answer (`response_body`), in UTF-8 bytes. */
export const RESPONSE_BODY_LIMIT = 1024;
/** The deadline of one attempt, redirects and reading the answer included. */
export const DEFAULT_TIMEOUT_MS = 5_000;
export const MAX_REDIRECTS = 3;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface HttpRequest {
  method: 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface SafeHttpOptions {
  /** The deadline of the whole exchange; 5 s by default. */
  timeoutMs?: number;
  /** Aborts the exchange (server shutdown). */
  signal?: AbortSignal;
  /** Values masked (`***`) wherever they could show: error texts, the answer's start. */
  secrets?: readonly string[];
  /** A CA to trust besides the system's: tests with a self-signed certificate only. */
  ca?: string | Buffer;
}

export interface SafeHttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The answer's start: at most 1 KB of UTF-8, cut on a character boundary, secrets masked. */
  body: string;
  /** True when the answer was longer and reading stopped. */
  truncated: boolean;
}

export type SafeHttpErrorCode =
  /** Not an http(s) URL, or not a URL at all. */
  | 'invalid_url'
  /** A redirect to another origin or scheme: not followed. */
  | 'redirect_refused'
  | 'too_many_redirects'
  | 'timeout'
  /** The caller's signal fired. */
  | 'aborted'
  /** No answer: refused, reset, DNS, TLS. */
  | 'network';

/** Why no answer came back. `retryable`: whether trying again later can help. */
export class SafeHttpError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly code: SafeHttpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SafeHttpError';
    this.retryable = code === 'timeout' || code === 'aborted' || code === 'network';
  }
}

/** `text` with each secret, and any Telegram-style `/bot<token>` path segment, masked. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out.replace(/\/bot[^/?#\s]+/g, '/bot***');
}

/** The first `limit` bytes of `bytes` as UTF-8, never splitting a character. */
export function utf8Start(bytes: Buffer, limit: number): string {
  if (bytes.length <= limit) return bytes.toString('utf8');
  let end = limit;
  // A continuation byte (10xxxxxx) at the cut: back up to the start of its character.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

function parseHttpUrl(text: string, secrets: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SafeHttpError('invalid_url', 'The address is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SafeHttpError(
      'invalid_url',
      `Only http:// and https:// addresses are allowed, not ${url.protocol}`,
    );
  if (url.username !== '' || url.password !== '')
    throw new SafeHttpError(
      'invalid_url',
      `The address ${redact(url.origin, secrets)} must not contain credentials`,
    );
  return url;
}

/**
 * Sends `request` and returns the receiver's answer, whatever its status (the caller decides
 * what a status means). Throws a `SafeHttpError` when no final answer came back.
 */
export async function safeHttpRequest(
  request: HttpRequest,
  options: SafeHttpOptions = {},
): Promise<SafeHttpResponse> {
  const secrets = options.secrets ?? [];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const first = parseHttpUrl(request.url, secrets);
  if (options.signal?.aborted) throw new SafeHttpError('aborted', 'The request was cancelled');

  // One controller for the deadline and the caller's signal; `stop` says which fired.
  const controller = new AbortController();
  let stop: 'timeout' | 'aborted' | null = null;
  const timer = setTimeout(() => {
    stop ??= 'timeout';
    controller.abort();
  }, timeoutMs);
  const onAbort = () => {
    stop ??= 'aborted';
    controller.abort();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const body =
    typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : Buffer.from(request.body);
  try {
    let url = first;
    for (let redirects = 0; ; redirects++) {
      let response: http.IncomingMessage;
      try {
        response = await send(url, request, body, controller.signal, options.ca);
      } catch (error) {
        if (stop === 'timeout')
          throw new SafeHttpError(
            'timeout',
            `No answer from ${redact(first.origin, secrets)} within ${timeoutMs} ms`,
          );
        if (stop === 'aborted') throw new SafeHttpError('aborted', 'The request was cancelled');
        const reason = redact(error instanceof Error ? error.message : String(error), secrets);
        throw new SafeHttpError('network', `Could not reach ${redact(first.origin, secrets)}: ${reason}`);
      }
      const location = response.headers.location;
      if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || location === undefined) {
        const { text, truncated } = await readStart(response);
        return {
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: redact(text, secrets),
          truncated,
        };
      }
      response.destroy();
      const next = followable(url, location, first, secrets);
      if (redirects + 1 > MAX_REDIRECTS)
        throw new SafeHttpError(
          'too_many_redirects',
          `More than ${MAX_REDIRECTS} redirects from ${redact(first.origin, secrets)}`,
        );
      url = next;
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Where a redirect leads, when it stays within the first URL's origin (scheme, host and port). */
function followable(from: URL, location: string, first: URL, secrets: readonly string[]): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new SafeHttpError(
      'redirect_refused',
      'The receiver redirected to an invalid address (not followed)',
    );
  }
  if (next.origin !== first.origin || next.username !== '' || next.password !== '') {
    const target = next.protocol === 'http:' || next.protocol === 'https:' ? next.origin : next.protocol;
    throw new SafeHttpError(
      'redirect_refused',
      `The receiver redirected to another host, ${redact(target, secrets)} (not followed): set the channel's address to the final one`,
    );
  }
  return next;
}

/**
 * One request. Every redirect repeats the same method and body: a receiver that moved is
 * still the receiver, and turning the POST into a GET (as browsers do for 301/302/303)
 * would report a success while nothing was delivered.
 */
function send(
  url: URL,
  request: HttpRequest,
  body: Buffer,
  signal: AbortSignal,
  ca: string | Buffer | undefined,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const options: https.RequestOptions = {
      method: request.method,
      headers: { ...request.headers, 'Content-Length': String(body.length) },
      // A fresh connection each time: nothing pooled outlives the attempt.
      agent: false,
      signal,
      ...(ca === undefined ? {} : { ca }),
    };
    const req = (url.protocol === 'https:' ? https : http).request(url, options, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Reads up to the limit and then closes the connection. The receiver has answered by now, so
 * the deadline or the caller's signal firing while the body streams ends the reading with
 * what came, rather than turning an answer into a failure.
 */
function readStart(response: http.IncomingMessage): Promise<{ text: string; truncated: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve({ text: utf8Start(Buffer.concat(chunks), RESPONSE_BODY_LIMIT), truncated });
    };
    response.on('data', (chunk: Buffer) => {
      if (done) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size > RESPONSE_BODY_LIMIT) {
        truncated = true;
        finish();
        response.destroy();
      }
    });
    response.on('end', finish);
    response.on('error', finish);
    response.on('close', finish);
  });
}
