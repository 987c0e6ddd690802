/**
 * The address LinkedIn last saw each account's browser come from (its exit IP, read before
 * each run) and the one before it: one row per account, so a change from one run to the
 * next is a comparison within the row.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exit_ips')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('previous_ip', 'text')
    .addColumn('previous_checked_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('exit_ips').execute();
}
