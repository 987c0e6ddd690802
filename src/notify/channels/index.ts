/**
 * The channel adapters by type, and `sendVia`: one attempt through a channel whose settings
 * come from the store. The settings are checked against the contract's schemas first (a
 * stored channel written by an older version may not fit), which also fills their defaults.
 */
import {
  type ChannelType,
  channelConfigSchemas,
  type EmailConfig,
  type EmailSecrets,
  type NtfyConfig,
  type NtfySecrets,
  type TelegramConfig,
  type TelegramSecrets,
  type WebhookConfig,
  type WebhookSecrets,
} from '../../contract/notifications.ts';
import type { ChannelAdapter, NotificationMessage, SendResult } from '../interfaces.ts';
import { createEmailAdapter, type EmailAdapterOptions } from './email.ts';
import type { HttpAdapterOptions } from './httpOutcome.ts';
import { createNtfyAdapter } from './ntfy.ts';
import { createTelegramAdapter } from './telegram.ts';
import { createWebhookAdapter } from './webhook.ts';

export interface ChannelAdapters {
  webhook: ChannelAdapter<WebhookConfig, WebhookSecrets>;
  email: ChannelAdapter<EmailConfig, EmailSecrets>;
  telegram: ChannelAdapter<TelegramConfig, TelegramSecrets>;
  ntfy: ChannelAdapter<NtfyConfig, NtfySecrets>;
}

export interface ChannelAdaptersOptions extends HttpAdapterOptions {
  /** TLS options of the SMTP connection: tests only (see `EmailAdapterOptions.tls`). */
  emailTls?: EmailAdapterOptions['tls'];
}

export function createChannelAdapters(options: ChannelAdaptersOptions = {}): ChannelAdapters {
  const http = { timeoutMs: options.timeoutMs, ca: options.ca };
  return {
    webhook: createWebhookAdapter(http),
    email: createEmailAdapter({ timeoutMs: options.timeoutMs, tls: options.emailTls }),
    telegram: createTelegramAdapter(http),
    ntfy: createNtfyAdapter(http),
  };
}

/** The adapters with their production settings (5 s per attempt, system CAs). */
export const channelAdapters: ChannelAdapters = createChannelAdapters();

/**
 * Sends `message` once through a channel of `type` with its stored `config` and decrypted
 * `secrets`. Never throws: settings that do not fit the type's schema are a failure that
 * retrying cannot fix (named by field, never by value).
 */
export async function sendVia(
  type: ChannelType,
  message: NotificationMessage,
  config: Record<string, unknown>,
  secrets: Record<string, unknown>,
  signal?: AbortSignal,
  adapters: ChannelAdapters = channelAdapters,
): Promise<SendResult> {
  const schemas = channelConfigSchemas[type];
  const parsedConfig = schemas.config.safeParse(config);
  const parsedSecrets = schemas.secrets.safeParse(secrets);
  if (!parsedConfig.success || !parsedSecrets.success) {
    const fields = [
      ...(parsedConfig.error?.issues ?? []).map((issue) => issue.path.join('.') || 'config'),
      ...(parsedSecrets.error?.issues ?? []).map((issue) => issue.path.join('.') || 'secrets'),
    ];
    return {
      ok: false,
      status: null,
      response: null,
      error: `The channel's settings are invalid (${[...new Set(fields)].join(', ')}): edit the channel`,
      retryable: false,
    };
  }
  // Each branch pairs a type with its own adapter, so the parsed settings fit it.
  switch (type) {
    case 'webhook':
      return adapters.webhook.send(
        message,
        parsedConfig.data as WebhookConfig,
        parsedSecrets.data as WebhookSecrets,
        signal,
      );
    case 'email':
      return adapters.email.send(
        message,
        parsedConfig.data as EmailConfig,
        parsedSecrets.data as EmailSecrets,
        signal,
      );
    case 'telegram':
      return adapters.telegram.send(
        message,
        parsedConfig.data as TelegramConfig,
        parsedSecrets.data as TelegramSecrets,
        signal,
      );
    case 'ntfy':
      return adapters.ntfy.send(
        message,
        parsedConfig.data as NtfyConfig,
        parsedSecrets.data as NtfySecrets,
        signal,
      );
  }
}
