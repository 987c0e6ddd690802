/**
 * What each birthday run read on LinkedIn's birthday page (every card, the ones it then
 * ignored too): the preview of "who will be wished today" is built from the latest one.
 * One row per run that read the page, so an empty page reads as "nobody", not as an older list.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('birthday_listings')
    .addColumn('run_id', 'text', (c) => c.primaryKey().references('runs.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    /** The run's local date (settings timezone): what "N days late" counted from. */
    .addColumn('local_date', 'text', (c) => c.notNull())
    /** JSON array of `{slug, name, profile_url, days_late}`. */
    .addColumn('contacts', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('birthday_listings_account_seen')
    .on('birthday_listings')
    .columns(['account_id', 'seen_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('birthday_listings').execute();
}
