import type { Kysely } from 'kysely';
import type { AuthSession, AuthSessionsRepository } from '../interfaces.ts';
import type { Database } from '../schema.ts';

export class KyselyAuthSessionsRepository implements AuthSessionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(session: AuthSession): Promise<void> {
    // The session belongs to its user's account.
    const user = await this.db
      .selectFrom('users')
      .select('account_id')
      .where('id', '=', session.user_id)
      .executeTakeFirst();
    if (!user) throw new Error(`Cannot create a session for unknown user ${session.user_id}`);
    await this.db
      .insertInto('auth_sessions')
      .values({
        token_hash: session.token_hash,
        account_id: user.account_id,
        user_id: session.user_id,
        created_at: session.created_at,
        expires_at: session.expires_at,
      })
      .execute();
  }

  async get(tokenHash: string, now: string): Promise<AuthSession | null> {
    const row = await this.db
      .selectFrom('auth_sessions')
      .select(['token_hash', 'user_id', 'created_at', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ?? null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpired(now: string): Promise<number> {
    const result = await this.db
      .deleteFrom('auth_sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
