import { type Kysely, sql } from 'kysely';
import type { ExitIp, ExitIpsRepository, NewExitIp } from '../interfaces.ts';
import type { Database } from '../schema.ts';

export class KyselyExitIpsRepository implements ExitIpsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(accountId: string): Promise<ExitIp | null> {
    const row = await this.db
      .selectFrom('exit_ips')
      .selectAll()
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ?? null;
  }

  async record(check: NewExitIp): Promise<ExitIp> {
    // One statement: the stored address becomes the previous one as the new one lands (the
    // right-hand sides read the row as it was, on both engines).
    return this.db
      .insertInto('exit_ips')
      .values({ ...check, previous_ip: null, previous_checked_at: null })
      .onConflict((oc) =>
        oc.column('account_id').doUpdateSet({
          previous_ip: sql.ref('exit_ips.ip'),
          previous_checked_at: sql.ref('exit_ips.checked_at'),
          ip: (eb) => eb.ref('excluded.ip'),
          checked_at: (eb) => eb.ref('excluded.checked_at'),
          run_id: (eb) => eb.ref('excluded.run_id'),
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}
