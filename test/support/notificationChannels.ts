/**
 * A webhook channel stored straight into the store, and an event recorded as a run's end
 * records it, for tests of what happens after (sender, test button, crash and cluster e2e).
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

/** What a run process does at a run's end: a `run_failed` in the outbox, with its cause. Its id. */
export async function recordRunFailed(store: Store): Promise<string> {
  const id = randomUUID();
  await store.transaction((tx) =>
    tx.notifications.recordEvent({
      id,
      account_id: 'default',
      event: 'run_failed',
      dedup_key: `run_failed:${id}`,
      data: { run_id: id, type: 'birthday', status: 'failed', error_code: 'nothing_delivered' },
      created_at: new Date().toISOString(),
    }),
  );
  return id;
}
