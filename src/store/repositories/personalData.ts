import type { DeleteResult, Kysely, UpdateResult } from 'kysely';
import type { RunError } from '../../domain.ts';
import type { PersonalDataCounts, PersonalDataExpiry, PersonalDataRepository } from '../interfaces.ts';
import { atomically } from '../queries.ts';
import type { Database } from '../schema.ts';

const rows = (result: DeleteResult | UpdateResult | undefined): number => {
  if (!result) return 0;
  return Number('numDeletedRows' in result ? result.numDeletedRows : result.numUpdatedRows);
};

/** Kept where a limit counts rows: a stripped name or link reads as empty (the columns are NOT NULL). */
const GONE = '';

export class KyselyPersonalDataRepository implements PersonalDataRepository {
  constructor(private readonly db: Kysely<Database>) {}

  forget(accountId: string): Promise<PersonalDataCounts> {
    return atomically(this.db, async (trx) => {
      const counts = await strip(trx, accountId, null);
      const logs = await trx
        .deleteFrom('logs')
        .where('account_id', '=', accountId)
        .where('run_id', 'is not', null)
        .executeTakeFirst();
      return { ...counts, ledger_keys: 0, log_lines: rows(logs) };
    });
  }

  expire(accountId: string, expiry: PersonalDataExpiry): Promise<PersonalDataCounts> {
    return atomically(this.db, async (trx) => {
      await trx
        .updateTable('run_outcomes')
        .set({ screenshot: null })
        .where('account_id', '=', accountId)
        .where('ts', '<', expiry.screenshotsBefore)
        .where('screenshot', 'is not', null)
        .execute();
      const keys = await trx
        .deleteFrom('birthday_messages')
        .where('account_id', '=', accountId)
        .where('created_at', '<', expiry.keysBefore)
        .executeTakeFirst();
      await trx
        .deleteFrom('profile_visits')
        .where('account_id', '=', accountId)
        .where('visited_at', '<', expiry.keysBefore)
        .execute();
      const counts = await strip(trx, accountId, expiry.before);
      return { ...counts, ledger_keys: rows(keys), log_lines: 0 };
    });
  }

  async runIds(accountId: string): Promise<string[]> {
    const found = await this.db.selectFrom('runs').select('id').where('account_id', '=', accountId).execute();
    return found.map((r) => r.id);
  }
}

/**
 * Deletes the account's contacts and outcomes and strips names, links and texts from the
 * rows the limits count, all of them (`before` null) or those older than `before`.
 */
async function strip(
  trx: Kysely<Database>,
  accountId: string,
  before: string | null,
): Promise<Omit<PersonalDataCounts, 'ledger_keys' | 'log_lines'>> {
  let contacts = trx.deleteFrom('contacts').where('account_id', '=', accountId);
  let outcomes = trx.deleteFrom('run_outcomes').where('account_id', '=', accountId);
  let texts = trx
    .updateTable('birthday_messages')
    .set({ text: GONE })
    .where('account_id', '=', accountId)
    .where('text', '!=', GONE);
  let visits = trx
    .updateTable('profile_visits')
    .set({ name: null, profile_url: GONE })
    .where('account_id', '=', accountId)
    .where('profile_url', '!=', GONE);
  let withdrawals = trx
    .updateTable('invitation_withdrawals')
    .set({ name: GONE, profile_url: null, sent_label: null })
    .where('account_id', '=', accountId)
    .where('name', '!=', GONE);
  // The birthday page as runs read it names contacts too (the preview's source).
  let listings = trx.deleteFrom('birthday_listings').where('account_id', '=', accountId);
  if (before !== null) {
    listings = listings.where('seen_at', '<', before);
    contacts = contacts.where('updated_at', '<', before);
    outcomes = outcomes.where('ts', '<', before);
    texts = texts.where('created_at', '<', before);
    visits = visits.where('visited_at', '<', before);
    withdrawals = withdrawals.where('withdrawn_at', '<', before);
  }
  await listings.execute();
  return {
    notifications: await deleteNotifications(trx, accountId, before),
    run_errors: await stripRunErrors(trx, accountId, before),
    contacts: rows(await contacts.executeTakeFirst()),
    outcomes: rows(await outcomes.executeTakeFirst()),
    ledger_texts: rows(await texts.executeTakeFirst()),
    profile_visits: rows(await visits.executeTakeFirst()),
    invitation_withdrawals: rows(await withdrawals.executeTakeFirst()),
  };
}

/**
 * The account's notifications: their data and texts can name contacts (the digest's "not
 * wished" list). Expiry takes finished deliveries and the events none waits for; forgetting
 * takes them all, pending ones included.
 */
async function deleteNotifications(
  trx: Kysely<Database>,
  accountId: string,
  before: string | null,
): Promise<number> {
  let deliveries = trx.deleteFrom('notification_deliveries').where('account_id', '=', accountId);
  let events = trx.deleteFrom('notification_events').where('account_id', '=', accountId);
  if (before !== null) {
    deliveries = deliveries.where('created_at', '<', before).where('status', 'in', ['delivered', 'failed']);
    events = events
      .where('created_at', '<', before)
      .where('dispatched_at', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('notification_deliveries as d')
              .select('d.id')
              .whereRef('d.event_id', '=', 'notification_events.id'),
          ),
        ),
      );
  }
  const gone = rows(await deliveries.executeTakeFirst());
  return gone + rows(await events.executeTakeFirst());
}

/** What a run's error message says once its details are gone (its code stays: history and stats read it). */
export const FORGOTTEN_ERROR_MESSAGE = 'Details removed with the LinkedIn data';

/** Run error messages name contacts ("Message button of Ada Lovelace not found"): keep the code only. */
async function stripRunErrors(
  trx: Kysely<Database>,
  accountId: string,
  before: string | null,
): Promise<number> {
  let query = trx
    .selectFrom('runs')
    .select(['id', 'error'])
    .where('account_id', '=', accountId)
    .where('error', 'is not', null);
  if (before !== null) query = query.where('activity_at', '<', before);
  let stripped = 0;
  for (const run of await query.execute()) {
    const error = JSON.parse(run.error ?? '{}') as RunError;
    if (error.message === FORGOTTEN_ERROR_MESSAGE) continue;
    const kept: RunError = { ...error, message: FORGOTTEN_ERROR_MESSAGE };
    await trx
      .updateTable('runs')
      .set({ error: JSON.stringify(kept) })
      .where('id', '=', run.id)
      .execute();
    stripped++;
  }
  return stripped;
}
