/**
 * The account's browser identity (the computer its Chrome seems to run on: system, screen,
 * cores, memory; see src/linkedin/fingerprint/browserIdentity.ts) as JSON text beside its
 * LinkedIn session: made once, the same run after run, gone with the session.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('linkedin_sessions').addColumn('browser_identity', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('linkedin_sessions').dropColumn('browser_identity').execute();
}
