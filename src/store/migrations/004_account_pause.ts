/**
 * The account's safety pause (LinkedIn pushed back on a run: its bots wait for a user's
 * resume) and the users' acknowledgements of notices (the risk notice shown once after login).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per paused account: the primary key makes "pause unless already paused" race-free.
  await db.schema
    .createTable('account_pauses')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notice_acknowledgements')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('notice', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_acknowledgements_pk', ['user_id', 'notice'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notice_acknowledgements').ifExists().execute();
  await db.schema.dropTable('account_pauses').ifExists().execute();
}
