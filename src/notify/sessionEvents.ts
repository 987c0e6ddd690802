/**
 * `session_expired` found outside a run: the session check or the page check saw LinkedIn's
 * login page. Recorded in the transaction that marks the session expired, under the same
 * key as a run's (once per stored session, see `sessionExpiredKey`).
 */
import type { Store, StoredLinkedInSession } from '../store/interfaces.ts';
import { recordOutboxEvent, sessionExpiredKey } from './outboxEvents.ts';
import { accountTimezone } from './runEndEvents.ts';

export async function recordSessionExpired(
  tx: Store,
  session: Pick<StoredLinkedInSession, 'account_id' | 'updated_at'>,
  checkedAt: string,
): Promise<boolean> {
  return recordOutboxEvent(tx, {
    event: 'session_expired',
    accountId: session.account_id,
    dedupKey: sessionExpiredKey(session),
    data: { checked_at: checkedAt, run_id: null, timezone: await accountTimezone(tx, session.account_id) },
    at: checkedAt,
  });
}
