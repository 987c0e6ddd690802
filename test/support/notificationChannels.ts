/**
 * A webhook channel stored straight into the store, for tests of what happens after a
 * channel exists (sender, test button, producers, crash and cluster e2e).
 */
import { randomUUID } from 'node:crypto';
import { sealSecrets } from '../../src/notify/channelSecrets.ts';
import type { NotificationChannel, Store } from '../../src/store/interfaces.ts';

export interface WebhookChannelOptions extends Partial<NotificationChannel> {
  url: string;
  /** Signs the webhook; sealed with `secretKey`. Without it no secret is stored. */
  secret?: string;
  secretKey?: string;
}

export async function addWebhookChannel(
  store: Store,
  options: WebhookChannelOptions,
): Promise<NotificationChannel> {
  const { url, secret, secretKey, ...over } = options;
  if (secret !== undefined && secretKey === undefined)
    throw new Error('a secret needs the SECRET_KEY to seal it');
  const now = new Date().toISOString();
  const id = over.id ?? randomUUID();
  const channel: NotificationChannel = {
    id,
    type: 'webhook',
    name: `Hook ${id}`,
    enabled: true,
    events: ['run_failed'],
    account_ids: null,
    language: 'en',
    config: { url },
    secrets_encrypted: secret === undefined ? null : sealSecrets({ secret }, secretKey as string),
    created_by: null,
    created_at: now,
    updated_at: now,
    ...over,
  };
  await store.notifications.insertChannel(channel);
  return channel;
}
