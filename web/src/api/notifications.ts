import type {
  NotificationChannelView,
  NotificationDeliveryView,
} from '../../../src/contract/notifications.ts';
import { api, get } from './client.ts';

/** The notifications API (`/api/notifications/*`) as the dashboard's Notifications page calls it. */

export type {
  ChannelType,
  DeliveryEvent,
  DeliveryStatus,
  EmailTlsMode,
  NotificationChannelView as Channel,
  NotificationDeliveryView as Delivery,
  NotificationEvent,
  NotificationLanguage,
} from '../../../src/contract/notifications.ts';

/** The answer of `POST /api/notifications/channels/:id/test`: what the receiver said. */
export interface TestAnswer {
  delivery: NotificationDeliveryView;
  ok: boolean;
  /** Its HTTP status (SMTP reply code for e-mail), if it answered. */
  status: number | null;
  /** The start of its answer. */
  response: string | null;
  error: string | null;
}

export const DELIVERY_LOG_LIMIT = 50;

export const channelsKey = ['notifications', 'channels'] as const;
export const deliveriesKey = (channelId: string) => ['notifications', 'deliveries', channelId] as const;

export async function listChannels(): Promise<NotificationChannelView[]> {
  const answer = await get<{ channels: NotificationChannelView[] }>('/api/notifications/channels');
  return answer.channels;
}

export async function listDeliveries(channelId: string, limit = DELIVERY_LOG_LIMIT) {
  const query = new URLSearchParams({ channel: channelId, limit: String(limit) });
  const answer = await get<{ deliveries: NotificationDeliveryView[] }>(
    `/api/notifications/deliveries?${query}`,
  );
  return answer.deliveries;
}

export const createChannel = (body: unknown) =>
  api<NotificationChannelView>('POST', '/api/notifications/channels', body);
export const updateChannel = (id: string, body: unknown) =>
  api<NotificationChannelView>('PATCH', `/api/notifications/channels/${encodeURIComponent(id)}`, body);
export const deleteChannel = (id: string) =>
  api<void>('DELETE', `/api/notifications/channels/${encodeURIComponent(id)}`);
export const testChannel = (id: string) =>
  api<TestAnswer>('POST', `/api/notifications/channels/${encodeURIComponent(id)}/test`);
export const resendDelivery = (id: string) =>
  api<{ delivery: NotificationDeliveryView }>(
    'POST',
    `/api/notifications/deliveries/${encodeURIComponent(id)}/resend`,
  );

/** A new webhook's signing key: 32 random bytes as hex, made in the browser and shown once. */
export function randomSecret(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
