import type { Kysely } from 'kysely';
import type { BlacklistEntry, BlacklistRepository } from '../interfaces.ts';
import { withNumericId } from '../rows.ts';
import type { Database } from '../schema.ts';

export class KyselyBlacklistRepository implements BlacklistRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(accountId: string): Promise<BlacklistEntry[]> {
    const rows = await this.db
      .selectFrom('blacklist')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('id', 'asc')
      .execute();
    return rows.map(withNumericId);
  }

  async add(entry: Omit<BlacklistEntry, 'id'>): Promise<BlacklistEntry> {
    const row = await this.db
      .insertInto('blacklist')
      .values({
        account_id: entry.account_id,
        name: entry.name,
        profile_url: entry.profile_url,
        reason: entry.reason,
        created_at: entry.created_at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return withNumericId(row);
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
