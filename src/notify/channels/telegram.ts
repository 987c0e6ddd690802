/**
 * Telegram channel: the Bot API's `sendMessage`, as plain text (no `parse_mode`, so nothing
 * in a name or an error needs escaping). The bot token sits in the URL path, so it is masked
 * in every error text and in the answer kept.
 */
import type { TelegramConfig, TelegramSecrets } from '../../contract/notifications.ts';
import type { ChannelAdapter, NotificationMessage, SendResult } from '../interfaces.ts';
import { type SafeHttpResponse, safeHttpRequest } from '../safeHttp.ts';
import { type HttpAdapterOptions, isRetryableStatus, resultFromError } from './httpOutcome.ts';

/** Telegram refuses longer messages. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** The headline and the body's detail, once each; cut to Telegram's limit. */
export function telegramText(message: NotificationMessage): string {
  const body = message.body.trim();
  const text = message.text.trim();
  // A body that already opens with the headline is the whole message.
  const full = body === '' ? text : body.startsWith(text) ? body : `${text}\n\n${body}`;
  const chars = Array.from(full);
  return chars.length <= TELEGRAM_TEXT_LIMIT ? full : `${chars.slice(0, TELEGRAM_TEXT_LIMIT - 1).join('')}…`;
}

export function telegramSendMessageUrl(apiUrl: string, botToken: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/bot${botToken}/sendMessage`;
}

/**
 * The Bot API answers `{"ok":true,"result":…}` or `{"ok":false,"error_code","description"}`.
 * `ok` comes first, so it is read even when the answer (which echoes the whole message) was
 * cut at 1 KB and no longer parses.
 */
function readAnswer(body: string): { ok: boolean | null; description: string | null } {
  try {
    const parsed = JSON.parse(body) as { ok?: unknown; description?: unknown };
    return {
      ok: typeof parsed.ok === 'boolean' ? parsed.ok : null,
      description: typeof parsed.description === 'string' ? parsed.description : null,
    };
  } catch {
    const ok = /^\s*\{\s*"ok"\s*:\s*(true|false)/.exec(body)?.[1];
    return { ok: ok === undefined ? null : ok === 'true', description: null };
  }
}

function resultFromAnswer(response: SafeHttpResponse): SendResult {
  const answer = readAnswer(response.body);
  const kept = response.body === '' ? null : response.body;
  if (response.status === 200 && answer.ok === true)
    return { ok: true, status: 200, response: kept, error: null, retryable: false };
  const why =
    answer.description ?? (response.status === 200 ? 'an unexpected answer' : `HTTP ${response.status}`);
  return {
    ok: false,
    status: response.status,
    response: kept,
    error: `Telegram refused the message: ${why}`,
    // The shared rule (408, 429: later will do; 5xx: Telegram's trouble). The rest (bad chat,
    // bad token, bot blocked) needs the user's fix.
    retryable: isRetryableStatus(response.status),
  };
}

export function createTelegramAdapter(
  options: HttpAdapterOptions = {},
): ChannelAdapter<TelegramConfig, TelegramSecrets> {
  return {
    type: 'telegram',
    async send(message, config, secrets, signal) {
      try {
        const response = await safeHttpRequest(
          {
            method: 'POST',
            url: telegramSendMessageUrl(config.api_url, secrets.bot_token),
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              chat_id: config.chat_id,
              text: telegramText(message),
              disable_web_page_preview: true,
            }),
          },
          { timeoutMs: options.timeoutMs, signal, secrets: [secrets.bot_token], ca: options.ca },
        );
        return resultFromAnswer(response);
      } catch (error) {
        return resultFromError(error);
      }
    },
  };
}

export const telegramAdapter = createTelegramAdapter();
