/**
 * What every producer of notifications shares: an outbox row from an event's typed data,
 * and the de-duplication keys of the events that are said once per episode rather than
 * once per cause (an expired session, LinkedIn changing a page).
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { NotificationEvent } from '../contract/notifications.ts';
import type { NewNotificationEvent, Store, StoredLinkedInSession } from '../store/interfaces.ts';
import type { EventData } from './eventData.ts';

/** One event to record: its name, its data, and the key a second record of it is refused by. */
export interface OutboxEventInput<E extends NotificationEvent> {
  event: E;
  accountId: string;
  dedupKey: string;
  data: EventData<E>;
  at: string;
}

export function outboxEvent<E extends NotificationEvent>(input: OutboxEventInput<E>): NewNotificationEvent {
  return {
    id: randomUUID(),
    account_id: input.accountId,
    event: input.event,
    dedup_key: input.dedupKey,
    data: { ...input.data } as Record<string, unknown>,
    created_at: input.at,
  };
}

/** Records the event through `store` (a transaction, with its cause); false when its key was recorded already. */
export function recordOutboxEvent<E extends NotificationEvent>(
  store: Store,
  input: OutboxEventInput<E>,
): Promise<boolean> {
  return store.notifications.recordEvent(outboxEvent(input));
}

/**
 * One `session_expired` per stored session: every run that meets the same dead session,
 * and the session check that finds it, use this key, so the user hears it once. Storing new
 * cookies changes `updated_at` (status changes do not): their expiry is news again.
 */
export function sessionExpiredKey(session: Pick<StoredLinkedInSession, 'account_id' | 'updated_at'>): string {
  return `session_expired:${session.account_id}:${session.updated_at}`;
}

/** The ISO week (`2026-W49`) an instant falls in, in a time zone (UTC when it is not valid). */
export function isoWeekOf(at: string, timezone: string): string {
  let local = DateTime.fromISO(at, { zone: timezone });
  if (!local.isValid) local = DateTime.fromISO(at, { zone: 'utc' });
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}
