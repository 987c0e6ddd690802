/**
 * A log line carries a message code and its parameters (JSON object text) beside its English
 * text, so the dashboard shows it in the user's language. Older lines keep null in both: the
 * dashboard shows their English text.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('logs').addColumn('code', 'text').execute();
  await db.schema.alterTable('logs').addColumn('params', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('logs').dropColumn('params').execute();
  await db.schema.alterTable('logs').dropColumn('code').execute();
}
