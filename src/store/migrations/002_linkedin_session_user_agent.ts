/**
 * The user agent of the browser a LinkedIn session comes from (`connect` sends it beside
 * the cookies): nullable, unknown for sessions stored before and for pasted cookies.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('linkedin_sessions').addColumn('user_agent', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('linkedin_sessions').dropColumn('user_agent').execute();
}
