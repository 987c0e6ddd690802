/**
 * One blacklist entry per person: a key per row (its profile URL, else its name, compared
 * without case) unique per account, so two adds of the same person, even at once, leave one
 * row. Duplicates an older version let in are removed first (the earliest row stays).
 */
import { type Kysely, sql } from 'kysely';

/** Kept here as it was when written: the repository computes the same key for new rows. */
function keyOf(row: { name: string | null; profile_url: string | null }): string | null {
  if (row.profile_url) {
    // One person whatever the URL's spelling: scheme, subdomain (www., fr.), case, %-escapes.
    const slug = /\/in\/([^/?#]+)/.exec(row.profile_url)?.[1];
    if (slug) {
      let decoded = slug;
      try {
        decoded = decodeURIComponent(slug);
      } catch {}
      return `in:${decoded.trim().toLowerCase()}`;
    }
    return `url:${row.profile_url.trim().replace(/\/+$/, '').toLowerCase()}`;
  }
  // Direction marks are kept in the text (right-to-left names need them), not in who it is.
  if (row.name)
    return `name:${row.name
      .replace(/[\u061c\u200e\u200f]/g, '')
      .trim()
      .toLowerCase()}`;
  return null;
}

interface Row {
  id: number | string;
  account_id: string;
  name: string | null;
  profile_url: string | null;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('blacklist').addColumn('unique_key', 'text').execute();
  const rows = (
    await sql<Row>`select id, account_id, name, profile_url from blacklist order by id`.execute(db)
  ).rows;
  const seen = new Set<string>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const scoped = `${row.account_id}\u0000${key}`;
    if (seen.has(scoped)) {
      await sql`delete from blacklist where id = ${row.id}`.execute(db);
    } else {
      seen.add(scoped);
      await sql`update blacklist set unique_key = ${key} where id = ${row.id}`.execute(db);
    }
  }
  await db.schema
    .createIndex('blacklist_unique_key')
    .on('blacklist')
    .columns(['account_id', 'unique_key'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('blacklist_unique_key').execute();
  await db.schema.alterTable('blacklist').dropColumn('unique_key').execute();
}
