import type { Kysely } from 'kysely';
import { conflict } from '../../errors.ts';
import type { BlacklistEntry, BlacklistRepository } from '../interfaces.ts';
import { withNumericId } from '../rows.ts';
import type { Database } from '../schema.ts';

/** Who an entry is: its profile's slug (else its URL), else its name, without case (see migration 006). */
export function blacklistKeyOf(entry: { name: string | null; profile_url: string | null }): string | null {
  if (entry.profile_url) {
    // One person whatever the URL's spelling: scheme, subdomain (www., fr.), case, %-escapes.
    const slug = /\/in\/([^/?#]+)/.exec(entry.profile_url)?.[1];
    if (slug) {
      let decoded = slug;
      try {
        decoded = decodeURIComponent(slug);
      } catch {}
      return `in:${decoded.trim().toLowerCase()}`;
    }
    return `url:${entry.profile_url.trim().replace(/\/+$/, '').toLowerCase()}`;
  }
  // Direction marks are kept in the text (right-to-left names need them), not in who it is.
  if (entry.name)
    return `name:${entry.name
      .replace(/[\u061c\u200e\u200f]/g, '')
      .trim()
      .toLowerCase()}`;
  return null;
}

export class KyselyBlacklistRepository implements BlacklistRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(accountId: string): Promise<BlacklistEntry[]> {
    const rows = await this.db
      .selectFrom('blacklist')
      .select(['id', 'account_id', 'name', 'profile_url', 'reason', 'created_at'])
      .where('account_id', '=', accountId)
      .orderBy('id', 'asc')
      .execute();
    return rows.map(withNumericId);
  }

  async add(entry: Omit<BlacklistEntry, 'id'>): Promise<BlacklistEntry> {
    const key = blacklistKeyOf(entry);
    // DO NOTHING rather than a caught violation: a PostgreSQL transaction around it stays usable.
    const row = await this.db
      .insertInto('blacklist')
      .values({
        account_id: entry.account_id,
        name: entry.name,
        profile_url: entry.profile_url,
        reason: entry.reason,
        created_at: entry.created_at,
        unique_key: key,
      })
      .onConflict((oc) => oc.columns(['account_id', 'unique_key']).doNothing())
      .returning(['id', 'account_id', 'name', 'profile_url', 'reason', 'created_at'])
      .executeTakeFirst();
    if (row) return withNumericId(row);
    const existing = await this.db
      .selectFrom('blacklist')
      .select('id')
      .where('account_id', '=', entry.account_id)
      .where('unique_key', '=', key)
      .executeTakeFirst();
    throw conflict('already_blacklisted', 'This person is already on the blacklist', {
      id: existing === undefined ? null : Number(existing.id),
    });
  }

  async remove(accountId: string, id: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('blacklist')
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
