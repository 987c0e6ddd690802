import { z } from 'zod';
import { lineText } from './text.ts';

/**
 * Notification channels as the API reads and writes them (`/api/notifications/*`). A
 * channel's `config` holds its settings; its secret fields (webhook secret, SMTP password,
 * Telegram token, ntfy token) are write-only: a write may set them inside `config`, a read
 * never returns them and says in `secrets` which ones are stored. The server keeps them
 * encrypted like the LinkedIn cookies.
 * A plain zod module without server imports, so the dashboard can import it.
 */

/** What a channel can subscribe to. `test` is only sent by the channel's test button. */
export const NOTIFICATION_EVENTS = [
  'session_expired',
  'rate_limited',
  'run_failed',
  'run_succeeded',
  'selectors_fallback',
  'worker_offline',
  'daily_digest',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
export type DeliveryEvent = NotificationEvent | 'test';

/** A new channel's events when the request names none: all but the noisy `run_succeeded`. */
export const DEFAULT_CHANNEL_EVENTS: readonly NotificationEvent[] = NOTIFICATION_EVENTS.filter(
  (e) => e !== 'run_succeeded',
);

export const CHANNEL_TYPES = ['webhook', 'email', 'telegram', 'ntfy'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** `none`: plain SMTP (port 25/587 without STARTTLS); `starttls`: upgrade required; `tls`: implicit TLS (465). */
export const EMAIL_TLS_MODES = ['none', 'starttls', 'tls'] as const;
export type EmailTlsMode = (typeof EMAIL_TLS_MODES)[number];

/** The languages notifications are written in. */
export const NOTIFICATION_LANGUAGES = ['fr', 'en'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** An http(s) URL without credentials: where a channel posts. Other schemes are refused. */
export const httpUrl = () =>
  z
    .string()
    .trim()
    .max(2000)
    .refine(
      (text) => {
        try {
          const url = new URL(text);
          return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
        } catch {
          return false;
        }
      },
      { message: 'must be an http:// or https:// URL', params: { code: 'invalid_http_url' } },
    )
    .refine(
      (text) => {
        try {
          const url = new URL(text);
          return url.username === '' && url.password === '';
        } catch {
          return true;
        }
      },
      { message: 'must not contain credentials', params: { code: 'credentials_in_url' } },
    );

/** A URL without a path, query or fragment (an unparsable one is `httpUrl`'s to refuse). */
function serverRootOnly(text: string): boolean {
  try {
    const url = new URL(text);
    return url.pathname === '/' && url.search === '' && url.hash === '';
  } catch {
    return true;
  }
}

/** A string matching `pattern`; a refinement, so its code reaches `details.field_errors`. */
const matching = (pattern: RegExp, code: string, message: string) =>
  z
    .string()
    .trim()
    .refine((text) => pattern.test(text), { message, params: { code } })
    .meta({ pattern: pattern.source });

const emailAddress = () => lineText().trim().max(254).pipe(z.email());
const secretText = (min: number, max: number) => z.string().min(min).max(max);

/** Each type's settings (non-secret) and its secret fields, as a write takes them. */
export const channelConfigSchemas = {
  webhook: {
    config: z.object({ url: httpUrl() }).strict(),
    /** HMAC-SHA256 key of `X-LBB-Signature`; a create must give it (the dashboard generates one). */
    secrets: z.object({ secret: secretText(16, 256) }).strict(),
  },
  email: {
    config: z
      .object({
        host: lineText().trim().min(1).max(253),
        port: z.number().int().min(1).max(65535),
        tls: z.enum(EMAIL_TLS_MODES),
        user: lineText().trim().max(254).optional(),
        from: emailAddress(),
        to: z.array(emailAddress()).min(1).max(10),
      })
      .strict(),
    secrets: z
      .object({ password: secretText(1, 512) })
      .partial()
      .strict(),
  },
  telegram: {
    config: z
      .object({
        /** A numeric chat id (groups are negative) or a public `@channel`. */
        chat_id: matching(
          /^(-?\d{1,20}|@[A-Za-z0-9_]{5,32})$/,
          'invalid_chat_id',
          'must be a chat id or @channel',
        ),
        /** Telegram's Bot API, or a self-hosted Bot API server. */
        api_url: httpUrl().default('https://api.telegram.org'),
      })
      .strict(),
    secrets: z
      .object({
        bot_token: matching(
          /^\d{1,20}:[A-Za-z0-9_-]{20,100}$/,
          'invalid_bot_token',
          'must be a Telegram bot token',
        ),
      })
      .strict(),
  },
  ntfy: {
    config: z
      .object({
        /**
         * The server's address alone: ntfy reads a JSON publish only at its root; posted to a
         * path (`https://ntfy.sh/topic`) the JSON would be published as the message's text.
         */
        server_url: httpUrl()
          .refine(serverRootOnly, {
            message: 'must be the server address without a path (the topic is its own field)',
            params: { code: 'ntfy_server_path' },
          })
          .default('https://ntfy.sh'),
        topic: matching(/^[A-Za-z0-9_-]{1,64}$/, 'invalid_topic', 'must be 1 to 64 letters, digits, - or _'),
      })
      .strict(),
    /** An access token for a protected topic (`Authorization: Bearer`). */
    secrets: z
      .object({ token: secretText(1, 512) })
      .partial()
      .strict(),
  },
} as const satisfies Record<ChannelType, { config: z.ZodType; secrets: z.ZodType }>;

export type WebhookConfig = z.infer<typeof channelConfigSchemas.webhook.config>;
export type WebhookSecrets = z.infer<typeof channelConfigSchemas.webhook.secrets>;
export type EmailConfig = z.infer<typeof channelConfigSchemas.email.config>;
export type EmailSecrets = z.infer<typeof channelConfigSchemas.email.secrets>;
export type TelegramConfig = z.infer<typeof channelConfigSchemas.telegram.config>;
export type TelegramSecrets = z.infer<typeof channelConfigSchemas.telegram.secrets>;
export type NtfyConfig = z.infer<typeof channelConfigSchemas.ntfy.config>;
export type NtfySecrets = z.infer<typeof channelConfigSchemas.ntfy.secrets>;

/** The names of each type's secret fields: what `config` never returns. */
export const SECRET_FIELDS: Record<ChannelType, readonly string[]> = {
  webhook: ['secret'],
  email: ['password'],
  telegram: ['bot_token'],
  ntfy: ['token'],
};

/** A channel as the API returns it. */
export interface NotificationChannelView {
  id: string;
  type: ChannelType;
  name: string;
  enabled: boolean;
  events: NotificationEvent[];
  /** The accounts whose events it receives; null: every account of the installation. */
  account_ids: string[] | null;
  /** The language its messages are written in when the setting `notifications.language` is unset. */
  language: NotificationLanguage;
  /** Non-secret settings. */
  config: Record<string, unknown>;
  /** Which secret fields are stored (never their values). */
  secrets: Record<string, boolean>;
  created_at: string;
  updated_at: string;
}

/** One delivery of one event to one channel, as the delivery log shows it. */
export interface NotificationDeliveryView {
  /** The delivery id (`X-LBB-Delivery`, the webhook body's `id`): the receiver's de-duplication key. */
  id: string;
  channel_id: string;
  account_id: string;
  event: DeliveryEvent;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  /** The receiver's last HTTP status (SMTP reply code for e-mail), if it answered. */
  response_status: number | null;
  /** The start of the receiver's last answer, at most 1 KB. */
  response_body: string | null;
  /** The one-line text sent. */
  text: string;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

const common = {
  name: lineText().trim().min(1).max(100),
  enabled: z.boolean(),
  events: z.array(z.enum(NOTIFICATION_EVENTS)).max(NOTIFICATION_EVENTS.length),
  account_ids: z.array(z.string().min(1).max(100)).min(1).max(100).nullable(),
  language: z.enum(NOTIFICATION_LANGUAGES),
};

/**
 * `POST /api/notifications/channels`: `config` holds the type's settings and secrets
 * together (the route splits them with `channelConfigSchemas`).
 */
export const createChannelSchema = z
  .object({
    type: z.enum(CHANNEL_TYPES),
    name: common.name,
    enabled: common.enabled.default(true),
    events: common.events.optional(),
    account_ids: common.account_ids.default(null),
    language: common.language.optional(),
    config: z.record(z.string(), z.unknown()),
  })
  .strict();
export type CreateChannelBody = z.infer<typeof createChannelSchema>;

/**
 * `PATCH /api/notifications/channels/:id`: `config` is merged field by field; a secret field
 * left out is kept, set to null it is removed (when the type allows none).
 */
export const updateChannelSchema = z
  .object({
    name: common.name,
    enabled: common.enabled,
    events: common.events,
    account_ids: common.account_ids,
    language: common.language,
    config: z.record(z.string(), z.unknown()),
  })
  .partial()
  .strict();
export type UpdateChannelBody = z.infer<typeof updateChannelSchema>;

/** The body a webhook receives (DESIGN.md). `content` duplicates `text` for Discord, `text` serves Slack. */
export interface WebhookBody {
  /** The delivery id: the same on every retry and resend, the receiver's de-duplication key. */
  id: string;
  event: DeliveryEvent;
  /** When the event happened (ISO): the same on every retry and resend. */
  at: string;
  /**
   * When this attempt was sent (ISO; `X-LBB-Timestamp` in unix seconds). Inside the signed
   * body, so a replayed message cannot be made fresh: the receiver rejects an old one.
   */
  sent_at: string;
  account_id: string;
  text: string;
  content: string;
  data: Record<string, unknown>;
}
