import type { Kysely } from 'kysely';
import type { TemplateSet, TemplatesRepository } from '../interfaces.ts';
import { parseJson } from '../rows.ts';
import type { Database } from '../schema.ts';

export class KyselyTemplatesRepository implements TemplatesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(accountId: string): Promise<TemplateSet | null> {
    const row = await this.db
      .selectFrom('templates')
      .select(['today', 'late'])
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ? { today: parseJson<string[]>(row.today), late: parseJson<string[]>(row.late) } : null;
  }

  async replace(accountId: string, templates: TemplateSet, at: string): Promise<TemplateSet> {
    const set = { today: [...templates.today], late: [...templates.late] };
    const today = JSON.stringify(set.today);
    const late = JSON.stringify(set.late);
    await this.db
      .insertInto('templates')
      .values({ account_id: accountId, today, late, updated_at: at })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ today, late, updated_at: at }))
      .execute();
    return set;
  }
}
