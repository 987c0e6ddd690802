/**
 * ntfy channel: ntfy's JSON publishing API (a POST to the server's root with the topic in the
 * body), which carries UTF-8 titles that its header API could not. The events that need the
 * user soon ring with a high priority.
 */
import type { DeliveryEvent, NtfyConfig, NtfySecrets } from '../../contract/notifications.ts';
import type { ChannelAdapter, NotificationMessage } from '../interfaces.ts';
import { safeHttpRequest } from '../safeHttp.ts';
import { type HttpAdapterOptions, resultFromError, resultFromStatus } from './httpOutcome.ts';

/** ntfy's priorities: 3 is the default, 4 `high`. */
const HIGH_PRIORITY_EVENTS: ReadonlySet<DeliveryEvent> = new Set([
  'session_expired',
  'rate_limited',
  'run_failed',
  'worker_offline',
]);

/** ntfy shows a tag that names an emoji as that emoji in front of the title. */
const EVENT_TAGS: Record<DeliveryEvent, string> = {
  session_expired: 'key',
  rate_limited: 'hourglass',
  run_failed: 'x',
  run_succeeded: 'white_check_mark',
  selectors_fallback: 'warning',
  worker_offline: 'rotating_light',
  daily_digest: 'calendar',
  test: 'bell',
};

export interface NtfyPublish {
  topic: string;
  title: string;
  message: string;
  priority: 3 | 4;
  tags: string[];
}

export function ntfyPublish(message: NotificationMessage, topic: string): NtfyPublish {
  return {
    topic,
    title: message.text,
    message: message.body.trim() === '' ? message.text : message.body,
    priority: HIGH_PRIORITY_EVENTS.has(message.event) ? 4 : 3,
    tags: [EVENT_TAGS[message.event]],
  };
}

export function createNtfyAdapter(options: HttpAdapterOptions = {}): ChannelAdapter<NtfyConfig, NtfySecrets> {
  return {
    type: 'ntfy',
    async send(message, config, secrets, signal) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (secrets.token) headers.Authorization = `Bearer ${secrets.token}`;
      try {
        const response = await safeHttpRequest(
          {
            method: 'POST',
            url: config.server_url,
            headers,
            body: JSON.stringify(ntfyPublish(message, config.topic)),
          },
          {
            timeoutMs: options.timeoutMs,
            signal,
            secrets: secrets.token ? [secrets.token] : [],
            ca: options.ca,
          },
        );
        return resultFromStatus(response);
      } catch (error) {
        return resultFromError(error);
      }
    },
  };
}

export const ntfyAdapter = createNtfyAdapter();
