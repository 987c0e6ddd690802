import type { Kysely } from 'kysely';
import type { AccountsRepository } from '../interfaces.ts';
import type { Database } from '../schema.ts';

export class KyselyAccountsRepository implements AccountsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async ensure(id: string, name: string, at: string): Promise<void> {
    // Idempotent and race-free: an existing account (and its name) is left untouched.
    await this.db
      .insertInto('accounts')
      .values({ id, name, created_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async list(): Promise<{ id: string; name: string; created_at: string }[]> {
    return this.db
      .selectFrom('accounts')
      .selectAll()
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
  }
}
