import type { Kysely } from 'kysely';
import type { InvitationWithdrawalsRepository, NewInvitationWithdrawal } from '../interfaces.ts';
import { countRows } from '../queries.ts';
import type { Database } from '../schema.ts';

export class KyselyInvitationWithdrawalsRepository implements InvitationWithdrawalsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(withdrawal: NewInvitationWithdrawal): Promise<void> {
    const { account_id, run_id, name, profile_url, sent_label, withdrawn_at } = withdrawal;
    await this.db
      .insertInto('invitation_withdrawals')
      .values({ account_id, run_id, name, profile_url, sent_label, withdrawn_at })
      .execute();
  }

  async count(accountId: string, from: string, to?: string): Promise<number> {
    let q = this.db
      .selectFrom('invitation_withdrawals')
      .where('account_id', '=', accountId)
      .where('withdrawn_at', '>=', from);
    if (to !== undefined) q = q.where('withdrawn_at', '<', to);
    return countRows(q);
  }
}
