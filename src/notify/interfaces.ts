/**
 * The notification channel port: one adapter per channel type (webhook, email, telegram,
 * ntfy) sends one rendered message and says how the receiver answered. Adapters never
 * throw for a receiver's failure: they return it, and the sender decides on retries.
 */
import type { ChannelType, DeliveryEvent, NotificationLanguage } from '../contract/notifications.ts';

/** One delivery, rendered in the channel's language. */
export interface NotificationMessage {
  /** The delivery id: `X-LBB-Delivery`, the webhook body's `id`, the receiver's de-duplication key. */
  deliveryId: string;
  event: DeliveryEvent;
  /** When the event happened (ISO). */
  at: string;
  accountId: string;
  language: NotificationLanguage;
  /** One line: the webhook's `text`/`content`, Telegram's and ntfy's message, the e-mail subject. */
  text: string;
  /** Several lines of plain text (the digest's detail; for other events a line or two more than `text`). */
  body: string;
  /** The same as HTML, for e-mail (escaped). */
  html: string;
  /** The event's fields (the webhook body's `data`). */
  data: Record<string, unknown>;
}

/** How one attempt went. */
export interface SendResult {
  ok: boolean;
  /** HTTP status, or the SMTP reply code; null when nothing answered (refused, timeout). */
  status: number | null;
  /** The start of the answer, at most 1 KB (UTF-8 bytes), or null. */
  response: string | null;
  /** Why it failed, one line, never a secret; null when ok. */
  error: string | null;
  /** False when trying again cannot help (4xx other than 408/429, bad credentials): the delivery fails at once. */
  retryable: boolean;
}

export interface ChannelAdapter<Config = Record<string, unknown>, Secrets = Record<string, unknown>> {
  readonly type: ChannelType;
  /** Sends once. `signal` aborts it (server shutdown); every attempt also has its own 5 s timeout. */
  send(
    message: NotificationMessage,
    config: Config,
    secrets: Secrets,
    signal?: AbortSignal,
  ): Promise<SendResult>;
}
