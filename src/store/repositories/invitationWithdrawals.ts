import type { Kysely } from 'kysely';
import type { InvitationWithdrawalsRepository } from '../interfaces.ts';
import { toNumber } from '../rows.ts';
import type { Database } from '../schema.ts';

export class KyselyInvitationWithdrawalsRepository implements InvitationWithdrawalsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(w: {
    account_id: string;
    run_id: string;
    name: string;
    profile_url: string | null;
    sent_label: string | null;
    withdrawn_at: string;
  }): Promise<void> {
    await this.db
      .insertInto('invitation_withdrawals')
      .values({
        account_id: w.account_id,
        run_id: w.run_id,
        name: w.name,
        profile_url: w.profile_url,
        sent_label: w.sent_label,
        withdrawn_at: w.withdrawn_at,
      })
      .execute();
  }

  async count(accountId: string, from: string, to?: string): Promise<number> {
    let q = this.db
      .selectFrom('invitation_withdrawals')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('account_id', '=', accountId)
      .where('withdrawn_at', '>=', from);
    if (to !== undefined) q = q.where('withdrawn_at', '<', to);
    return toNumber((await q.executeTakeFirstOrThrow()).n);
  }
}
