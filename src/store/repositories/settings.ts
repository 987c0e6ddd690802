import type { Kysely } from 'kysely';
import type { SettingsRepository } from '../interfaces.ts';
import { parseJson } from '../rows.ts';
import type { Database } from '../schema.ts';

export class KyselySettingsRepository implements SettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(accountId: string, key: string): Promise<unknown | null> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('account_id', '=', accountId)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? parseJson<unknown>(row.value) : null;
  }

  async set(accountId: string, key: string, value: unknown, at: string): Promise<void> {
    // `undefined` has no JSON form; store it as null rather than failing on NOT NULL.
    const json = JSON.stringify(value) ?? 'null';
    await this.db
      .insertInto('settings')
      .values({ account_id: accountId, key, value: json, updated_at: at })
      .onConflict((oc) => oc.columns(['account_id', 'key']).doUpdateSet({ value: json, updated_at: at }))
      .execute();
  }
}
