import type { Kysely } from 'kysely';
import type { AccountPause } from '../../domain.ts';
import type { AccountPausesRepository } from '../interfaces.ts';
import type { Database } from '../schema.ts';

export class KyselyAccountPausesRepository implements AccountPausesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(accountId: string): Promise<AccountPause | null> {
    const row = await this.db
      .selectFrom('account_pauses')
      .selectAll()
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ?? null;
  }

  async pauseUnlessPaused(pause: AccountPause): Promise<{ pause: AccountPause; created: boolean }> {
    // A resume can end the pause that refused this insert before it is read: then try again.
    for (;;) {
      const inserted = await this.db
        .insertInto('account_pauses')
        .values({ ...pause })
        .onConflict((oc) => oc.column('account_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { pause: inserted, created: true };
      const current = await this.get(pause.account_id);
      if (current) return { pause: current, created: false };
    }
  }

  async resume(accountId: string, since: string): Promise<AccountPause | null> {
    const row = await this.db
      .deleteFrom('account_pauses')
      .where('account_id', '=', accountId)
      .where('since', '=', since)
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }
}
