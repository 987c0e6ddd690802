import type { Kysely } from 'kysely';
import { isMessageLanguage } from '../../contract/messageLanguages.ts';
import type { MessageLanguage, TemplateSet, TemplatesRepository } from '../interfaces.ts';
import { parseJson } from '../rows.ts';
import type { Database } from '../schema.ts';

const toSet = (row: { today: string; late: string }): TemplateSet => ({
  today: parseJson<string[]>(row.today),
  late: parseJson<string[]>(row.late),
});

export class KyselyTemplatesRepository implements TemplatesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(accountId: string, language: MessageLanguage): Promise<TemplateSet | null> {
    const row = await this.db
      .selectFrom('templates')
      .select(['today', 'late'])
      .where('account_id', '=', accountId)
      .where('language', '=', language)
      .executeTakeFirst();
    return row ? toSet(row) : null;
  }

  async list(accountId: string): Promise<Partial<Record<MessageLanguage, TemplateSet>>> {
    const rows = await this.db
      .selectFrom('templates')
      .select(['language', 'today', 'late'])
      .where('account_id', '=', accountId)
      .orderBy('language')
      .execute();
    const sets: Partial<Record<MessageLanguage, TemplateSet>> = {};
    for (const row of rows) if (isMessageLanguage(row.language)) sets[row.language] = toSet(row);
    return sets;
  }

  async replace(
    accountId: string,
    language: MessageLanguage,
    templates: TemplateSet,
    at: string,
  ): Promise<TemplateSet> {
    const set = { today: [...templates.today], late: [...templates.late] };
    const today = JSON.stringify(set.today);
    const late = JSON.stringify(set.late);
    await this.db
      .insertInto('templates')
      .values({ account_id: accountId, language, today, late, updated_at: at })
      .onConflict((oc) => oc.columns(['account_id', 'language']).doUpdateSet({ today, late, updated_at: at }))
      .execute();
    return set;
  }
}
