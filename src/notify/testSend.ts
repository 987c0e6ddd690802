/**
 * The channel's test button: one `test` delivery sent at once, while the dashboard waits, and
 * recorded in the delivery log like any other. It is inserted `sending` under a lease like a
 * claimed one, so the sender leaves it alone while the button's attempt runs; the person who
 * pressed the button sees the answer and can press it again. Should this process die before
 * recording the answer, the lease passes and the sender takes the delivery back (sends it and
 * records the outcome), so no test stays `sending` for ever.
 */
import { randomUUID } from 'node:crypto';
import type { NotificationChannel, NotificationDelivery } from '../store/interfaces.ts';
import { attemptDelivery, type DeliveryDeps } from './deliver.ts';
import type { SendResult } from './interfaces.ts';

/** The test delivery's lease: well beyond one attempt's 5 s deadline and its record. */
export const TEST_SEND_LEASE_MS = 60_000;

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
  const created = deps.now();
  const createdAt = created.toISOString();
  const leaseUntil = new Date(created.getTime() + TEST_SEND_LEASE_MS).toISOString();
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
    lease_until: leaseUntil,
    created_at: createdAt,
  });
  const inserted = await deps.store.notifications.getDelivery(id);
  if (!inserted) throw new Error(`test delivery ${id} vanished after its insert`);

  let recorded = false;
  try {
    const { result, message } = await attemptDelivery(deps, inserted, channel);
    await deps.store.notifications.recordAttempt(
      id,
      {
        status: result.ok ? 'delivered' : 'failed',
        at: deps.now().toISOString(),
        next_attempt_at: null,
        last_error: result.error,
        response_status: result.status,
        response_body: result.response,
        text: message?.text ?? '',
      },
      leaseUntil,
    );
    recorded = true;
    // Deleted meanwhile (the channel with its deliveries): the answer is still the receiver's.
    const delivery = (await deps.store.notifications.getDelivery(id)) ?? {
      ...inserted,
      status: result.ok ? 'delivered' : 'failed',
    };
    return { delivery, result };
  } finally {
    // Recording the answer failed: say so rather than leave it `sending` until its lease passes
    // (if the store is down this fails too, and the lease is the fallback).
    if (!recorded) {
      await deps.store.notifications
        .recordAttempt(
          id,
          {
            status: 'failed',
            at: deps.now().toISOString(),
            next_attempt_at: null,
            last_error: 'the test could not be recorded',
            response_status: null,
            response_body: null,
            text: inserted.text,
          },
          leaseUntil,
        )
        .catch(() => false);
    }
  }
}
