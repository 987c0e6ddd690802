/**
 * `session_expired`: a run, the session check or the page check saw LinkedIn's login page.
 * Recorded in the transaction that marks the session expired, under the same key as a run's
 * end (once per stored session, see `sessionExpiredKey`). `run`: the run that met it, and
 * why it failed; `timezone`: the account's, when the caller has it (else read through `tx`).
 */
import type { Store, StoredLinkedInSession } from '../store/interfaces.ts';
import { recordOutboxEvent, sessionExpiredKey } from './outboxEvents.ts';
import { accountTimezone } from './runEndEvents.ts';

export async function recordSessionExpired(
  tx: Store,
  session: Pick<StoredLinkedInSession, 'account_id' | 'updated_at'>,
  checkedAt: string,
  found: { run?: { id: string; reason: string }; timezone?: string } = {},
): Promise<boolean> {
  const timezone = found.timezone ?? (await accountTimezone(tx, session.account_id));
  const byRun = found.run ? { run_id: found.run.id, reason: found.run.reason } : { run_id: null };
  return recordOutboxEvent(tx, {
    event: 'session_expired',
    accountId: session.account_id,
    dedupKey: sessionExpiredKey(session),
    data: { checked_at: checkedAt, ...byRun, timezone },
    at: checkedAt,
  });
}
