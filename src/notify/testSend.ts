/**
 * The channel's test button: one `test` delivery sent at once, while the dashboard waits, and
 * recorded in the delivery log like any other. It is never retried by the sender (it has no
 * lease, so `claimDue` never takes it): the person who pressed the button sees the answer and
 * can press it again.
 */
import { randomUUID } from 'node:crypto';
import type { NotificationChannel, NotificationDelivery } from '../store/interfaces.ts';
import { attemptDelivery, type DeliveryDeps } from './deliver.ts';
import type { SendResult } from './interfaces.ts';

export interface TestSendOutcome {
  /** The delivery as stored after the attempt (`delivered` or `failed`, `attempts` 1). */
  delivery: NotificationDelivery;
  /** The receiver's answer. */
  result: SendResult;
}

export async function sendTestNotification(
  deps: DeliveryDeps,
  channel: NotificationChannel,
  accountId: string,
): Promise<TestSendOutcome> {
  const createdAt = deps.now().toISOString();
  const id = randomUUID();
  await deps.store.notifications.insertDelivery({
    id,
    event_id: null,
    channel_id: channel.id,
    account_id: accountId,
    event: 'test',
    data: {},
    status: 'sending',
    attempts: 1,
    next_attempt_at: null,
    lease_until: null,
    created_at: createdAt,
  });
  const inserted = await deps.store.notifications.getDelivery(id);
  if (!inserted) throw new Error(`test delivery ${id} vanished after its insert`);

  const { result, message } = await attemptDelivery(deps, inserted, channel);
  await deps.store.notifications.recordAttempt(id, {
    status: result.ok ? 'delivered' : 'failed',
    at: deps.now().toISOString(),
    next_attempt_at: null,
    last_error: result.error,
    response_status: result.status,
    response_body: result.response,
    text: message?.text ?? '',
  });
  // Deleted meanwhile (the channel with its deliveries): the answer is still the receiver's.
  const delivery = (await deps.store.notifications.getDelivery(id)) ?? {
    ...inserted,
    status: result.ok ? 'delivered' : 'failed',
  };
  return { delivery, result };
}
