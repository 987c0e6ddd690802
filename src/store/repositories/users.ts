import type { Kysely } from 'kysely';
import type { User, UsersRepository } from '../interfaces.ts';
import { toNumber } from '../rows.ts';
import type { Database } from '../schema.ts';

export class KyselyUsersRepository implements UsersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return toNumber(row.n);
  }

  async create(user: User): Promise<User> {
    return this.db
      .insertInto('users')
      .values({
        id: user.id,
        account_id: user.account_id,
        username: user.username,
        password_hash: user.password_hash,
        created_at: user.created_at,
        updated_at: user.updated_at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async get(id: string): Promise<User | null> {
    return (await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async findByUsername(username: string): Promise<User | null> {
    return (
      (await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()) ??
      null
    );
  }

  async setPasswordHash(username: string, hash: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ password_hash: hash, updated_at: at })
      .where('username', '=', username)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
