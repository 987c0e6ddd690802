import type { Kysely } from 'kysely';
import type { LinkedInSessionsRepository, StoredLinkedInSession } from '../interfaces.ts';
import type { Database } from '../schema.ts';

export class KyselyLinkedInSessionsRepository implements LinkedInSessionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(accountId: string): Promise<StoredLinkedInSession | null> {
    const row = await this.db
      .selectFrom('linkedin_sessions')
      .select(['account_id', 'encrypted', 'status', 'checked_at', 'updated_at', 'user_agent'])
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ?? null;
  }

  async put(
    session: Omit<StoredLinkedInSession, 'user_agent'> & { user_agent?: string | null },
  ): Promise<void> {
    const { encrypted, status, checked_at, updated_at } = session;
    const user_agent = session.user_agent ?? null;
    await this.db
      .insertInto('linkedin_sessions')
      .values({ account_id: session.account_id, encrypted, status, checked_at, updated_at, user_agent })
      .onConflict((oc) =>
        oc.column('account_id').doUpdateSet({ encrypted, status, checked_at, updated_at, user_agent }),
      )
      .execute();
  }

  async setStatus(
    accountId: string,
    status: StoredLinkedInSession['status'],
    checkedAt: string,
  ): Promise<void> {
    await this.db
      .updateTable('linkedin_sessions')
      .set({ status, checked_at: checkedAt })
      .where('account_id', '=', accountId)
      .execute();
  }

  async refresh(accountId: string, encrypted: string, expected: string): Promise<boolean> {
    const result = await this.db
      .updateTable('linkedin_sessions')
      .set({ encrypted })
      .where('account_id', '=', accountId)
      .where('encrypted', '=', expected)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(accountId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('linkedin_sessions')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async getBrowserIdentity(accountId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('linkedin_sessions')
      .select('browser_identity')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row?.browser_identity ?? null;
  }

  async replaceBrowserIdentity(
    accountId: string,
    identity: string,
    expected: string | null,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('linkedin_sessions')
      .set({ browser_identity: identity })
      .where('account_id', '=', accountId)
      .where((eb) =>
        expected === null ? eb('browser_identity', 'is', null) : eb('browser_identity', '=', expected),
      )
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
