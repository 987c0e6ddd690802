/**
 * One attempt of one delivery through its channel: the language chosen, the secrets opened,
 * the message rendered, the adapter called under a deadline. Shared by the outbox sender and
 * the channel's test button. It never throws: whatever goes wrong becomes a failed
 * `SendResult` saying whether another try could help, so the caller only records it.
 */

import { loadSettings } from '../config/settingsStore.ts';
import type { NotificationLanguage } from '../contract/notifications.ts';
import { DecryptionError } from '../crypto.ts';
import type { NotificationChannel, NotificationDelivery, Store } from '../store/interfaces.ts';
import { type ChannelSecrets, openSecrets } from './channelSecrets.ts';
import { type ChannelAdapters, sendVia } from './channels/index.ts';
import type { NotificationMessage, SendResult } from './interfaces.ts';
import type { RenderInput } from './render.ts';

/** The deadline of one attempt when `DeliveryDeps.timeoutMs` is not given. */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 5_000;

export interface DeliveryDeps {
  store: Store;
  /** Opens the channels' secrets (SECRET_KEY). */
  secretKey: string;
  /** One adapter per channel type (`channelAdapters` in production). */
  adapters: ChannelAdapters;
  /** Words the message (`renderMessage` in production). */
  render: (input: RenderInput) => NotificationMessage;
  now: () => Date;
  /** The dashboard's address, for links in the messages. */
  dashboardUrl?: string;
  /** The deadline of one attempt; 5 s by default. */
  timeoutMs?: number;
}

export interface AttemptOutcome {
  result: SendResult;
  /** What was sent; null when the attempt stopped before a message was written. */
  message: NotificationMessage | null;
}

const failure = (error: string, retryable: boolean): SendResult => ({
  ok: false,
  status: null,
  response: null,
  error,
  retryable,
});

/** Sends `delivery` once through `channel`. `signal` aborts it (shutdown). */
export async function attemptDelivery(
  deps: DeliveryDeps,
  delivery: NotificationDelivery,
  channel: NotificationChannel,
  signal?: AbortSignal,
): Promise<AttemptOutcome> {
  let secrets: ChannelSecrets;
  try {
    secrets = openSecrets(channel.secrets_encrypted, deps.secretKey);
  } catch (err) {
    // Retrying cannot help until the channel's secrets are entered again.
    if (err instanceof DecryptionError)
      return { result: failure('secrets unreadable: SECRET_KEY changed', false), message: null };
    return { result: failure('secrets unreadable', false), message: null };
  }

  let message: NotificationMessage;
  try {
    message = deps.render({
      deliveryId: delivery.id,
      event: delivery.event,
      at: delivery.created_at,
      accountId: delivery.account_id,
      data: delivery.data,
      language: await languageOf(deps.store, delivery.account_id, channel),
      dashboardUrl: deps.dashboardUrl,
    });
  } catch {
    // The settings could not be read (the database is away): a later try may succeed.
    return { result: failure('the message could not be prepared', true), message: null };
  }

  const result = await sendWithin(deps.timeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS, signal, (attemptSignal) =>
    sendVia(channel.type, message, channel.config, secrets, attemptSignal, deps.adapters),
  );
  return { result, message };
}

/** The account's setting `notifications.language`, else the channel's own. */
async function languageOf(
  store: Store,
  accountId: string,
  channel: NotificationChannel,
): Promise<NotificationLanguage> {
  const settings = await loadSettings(store, accountId);
  return settings.notifications.language ?? channel.language;
}

/**
 * Runs `send` with a signal that aborts at the deadline or with `signal`. An adapter that
 * ignores the signal is not waited for past the deadline, and one that throws is a failure
 * worth retrying (the receiver may not be at fault).
 */
async function sendWithin(
  timeoutMs: number,
  signal: AbortSignal | undefined,
  send: (signal: AbortSignal) => Promise<SendResult>,
): Promise<SendResult> {
  const deadline = new AbortController();
  const attemptSignal = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  let timer: NodeJS.Timeout | undefined;
  let onAbort = () => {};
  const cutShort = new Promise<SendResult>((resolve) => {
    timer = setTimeout(() => {
      deadline.abort();
      resolve(failure(`no answer within ${timeoutMs / 1000} s`, true));
    }, timeoutMs);
    onAbort = () => resolve(failure('sending stopped (shutdown)', true));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  const sent = send(attemptSignal).catch(() => failure('Unexpected error while sending', true));
  try {
    return await Promise.race([sent, cutShort]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
