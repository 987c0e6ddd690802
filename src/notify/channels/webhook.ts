/**
 * Webhook channel: the event as JSON (`WebhookBody`), signed with the channel's secret so the
 * receiver can tell it came from this installation. `X-LBB-Signature` is the HMAC-SHA256 of
 * the raw body bytes (DESIGN.md). The body's `sent_at` (this attempt's time, so covered by the
 * signature, unlike a header) lets the receiver refuse a replayed message; `X-LBB-Timestamp` says
 * the same instant in unix seconds. The body's `at` is when the event happened, the same on every
 * retry and resend, and `X-LBB-Delivery` (the body's `id`) de-duplicates them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Clock, systemClock } from '../../clock.ts';
import type { WebhookBody, WebhookConfig, WebhookSecrets } from '../../contract/notifications.ts';
import { VERSION } from '../../version.ts';
import type { ChannelAdapter, NotificationMessage } from '../interfaces.ts';
import { safeHttpRequest } from '../safeHttp.ts';
import { type HttpAdapterOptions, resultFromError, resultFromStatus } from './httpOutcome.ts';

export const USER_AGENT = `linkedin-birthday-bot/${VERSION}`;

/** The body of one attempt sent at `sentAt`. */
export function webhookBody(message: NotificationMessage, sentAt: Date): WebhookBody {
  return {
    id: message.deliveryId,
    event: message.event,
    at: message.at,
    sent_at: sentAt.toISOString(),
    account_id: message.accountId,
    text: message.text,
    // Discord reads `content`, Slack `text`: the same line for both.
    content: message.text,
    data: message.data,
  };
}

/** `sha256=<hex HMAC-SHA256 of rawBody keyed with secret>`: the `X-LBB-Signature` value. */
export function signWebhookBody(rawBody: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/**
 * Whether `header` (the received `X-LBB-Signature`) signs `rawBody` (the bytes as received,
 * before any JSON parsing) with `secret`. Compared in constant time.
 */
export function verifyWebhookSignature(
  rawBody: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(signWebhookBody(rawBody, secret));
  const received = Buffer.from(header.trim());
  return received.length === expected.length && timingSafeEqual(received, expected);
}

export interface WebhookAdapterOptions extends HttpAdapterOptions {
  /** The clock of the body's `sent_at` and of `X-LBB-Timestamp`. */
  clock?: Clock;
}

export function createWebhookAdapter(
  options: WebhookAdapterOptions = {},
): ChannelAdapter<WebhookConfig, WebhookSecrets> {
  const clock = options.clock ?? systemClock;
  return {
    type: 'webhook',
    async send(message, config, secrets, signal) {
      const sentAt = clock.now();
      const raw = JSON.stringify(webhookBody(message, sentAt));
      try {
        const response = await safeHttpRequest(
          {
            method: 'POST',
            url: config.url,
            headers: {
              'Content-Type': 'application/json',
              'User-Agent': USER_AGENT,
              'X-LBB-Event': message.event,
              'X-LBB-Delivery': message.deliveryId,
              'X-LBB-Timestamp': String(Math.floor(sentAt.getTime() / 1000)),
              'X-LBB-Signature': signWebhookBody(raw, secrets.secret),
            },
            body: raw,
          },
          { timeoutMs: options.timeoutMs, signal, secrets: [secrets.secret], ca: options.ca },
        );
        return resultFromStatus(response);
      } catch (error) {
        return resultFromError(error);
      }
    },
  };
}

export const webhookAdapter = createWebhookAdapter();
