import type { Kysely } from 'kysely';
import type { ProfileVisitsRepository } from '../interfaces.ts';
import { toNumber } from '../rows.ts';
import type { Database } from '../schema.ts';

export class KyselyProfileVisitsRepository implements ProfileVisitsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(visit: {
    account_id: string;
    run_id: string;
    slug: string;
    profile_url: string;
    name: string | null;
    visited_at: string;
  }): Promise<void> {
    await this.db
      .insertInto('profile_visits')
      .values({
        account_id: visit.account_id,
        run_id: visit.run_id,
        slug: visit.slug,
        profile_url: visit.profile_url,
        name: visit.name,
        visited_at: visit.visited_at,
      })
      .execute();
  }

  async visitedSince(accountId: string, slug: string, since: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('profile_visits')
      .select('id')
      .where('account_id', '=', accountId)
      .where('slug', '=', slug)
      .where('visited_at', '>=', since)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async count(accountId: string, from: string, to?: string): Promise<number> {
    let q = this.db
      .selectFrom('profile_visits')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('account_id', '=', accountId)
      .where('visited_at', '>=', from);
    if (to !== undefined) q = q.where('visited_at', '<', to);
    return toNumber((await q.executeTakeFirstOrThrow()).n);
  }
}
