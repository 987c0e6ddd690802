import type { Kysely } from 'kysely';
import type { NoticeAcknowledgementsRepository } from '../interfaces.ts';
import type { Database } from '../schema.ts';

export class KyselyNoticeAcknowledgementsRepository implements NoticeAcknowledgementsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async acknowledgedAt(userId: string, notice: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('notice_acknowledgements')
      .select('acknowledged_at')
      .where('user_id', '=', userId)
      .where('notice', '=', notice)
      .executeTakeFirst();
    return row?.acknowledged_at ?? null;
  }

  async acknowledge(userId: string, notice: string, at: string): Promise<string> {
    await this.db
      .insertInto('notice_acknowledgements')
      .values({ user_id: userId, notice, acknowledged_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'notice']).doNothing())
      .execute();
    return (await this.acknowledgedAt(userId, notice)) ?? at;
  }
}
