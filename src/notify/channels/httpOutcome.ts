/**
 * What an HTTP channel's attempt comes to, shared by the webhook, Telegram and ntfy
 * adapters: which statuses are worth another try, and a `SafeHttpError` as a failed result.
 */
import type { SendResult } from '../interfaces.ts';
import { SafeHttpError, type SafeHttpResponse } from '../safeHttp.ts';

/** The options every HTTP adapter takes (tests shorten the deadline or trust their own CA). */
export interface HttpAdapterOptions {
  /** The deadline of one attempt; 5 s by default. */
  timeoutMs?: number;
  /** A CA to trust besides the system's: tests with a self-signed certificate only. */
  ca?: string | Buffer;
}

/** 408 (timeout), 429 (rate limited) and 5xx may pass later; any other 4xx will not. */
export const isRetryableStatus = (status: number): boolean =>
  status === 408 || status === 429 || status >= 500;

/** A receiver's answer by its status alone: 2xx is a delivery. */
export function resultFromStatus(response: SafeHttpResponse): SendResult {
  const ok = response.status >= 200 && response.status < 300;
  return {
    ok,
    status: response.status,
    response: response.body === '' ? null : response.body,
    error: ok ? null : `The receiver answered HTTP ${response.status}`,
    retryable: !ok && isRetryableStatus(response.status),
  };
}

/** No answer: the reason (already free of secrets) and whether to try again. */
export function resultFromError(error: unknown): SendResult {
  if (error instanceof SafeHttpError)
    return { ok: false, status: null, response: null, error: error.message, retryable: error.retryable };
  // A bug of ours, not the receiver's: say so without details that could hold a secret.
  return {
    ok: false,
    status: null,
    response: null,
    error: 'Unexpected error while sending',
    retryable: true,
  };
}
