import type { Kysely } from 'kysely';
import type { NewProfileVisit, ProfileVisitsRepository } from '../interfaces.ts';
import { countRows, hasRow } from '../queries.ts';
import type { Database } from '../schema.ts';

export class KyselyProfileVisitsRepository implements ProfileVisitsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(visit: NewProfileVisit): Promise<void> {
    const { account_id, run_id, slug, profile_url, name, visited_at } = visit;
    await this.db
      .insertInto('profile_visits')
      .values({ account_id, run_id, slug, profile_url, name, visited_at })
      .execute();
  }

  async visitedSince(accountId: string, slug: string, since: string): Promise<boolean> {
    return hasRow(
      this.db
        .selectFrom('profile_visits')
        .select('id')
        .where('account_id', '=', accountId)
        .where('slug', '=', slug)
        .where('visited_at', '>=', since),
    );
  }

  async count(accountId: string, from: string, to?: string): Promise<number> {
    let q = this.db
      .selectFrom('profile_visits')
      .where('account_id', '=', accountId)
      .where('visited_at', '>=', from);
    if (to !== undefined) q = q.where('visited_at', '<', to);
    return countRows(q);
  }
}
