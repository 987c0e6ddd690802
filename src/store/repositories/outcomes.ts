import type { Kysely, Selectable } from 'kysely';
import type { RunOutcome } from '../../domain.ts';
import type { NewOutcome, OutcomesRepository } from '../interfaces.ts';
import type { Database, RunOutcomesTable } from '../schema.ts';

function toOutcome(row: Selectable<RunOutcomesTable>): RunOutcome {
  return { ...row, id: Number(row.id) };
}

export class KyselyOutcomesRepository implements OutcomesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(outcome: NewOutcome): Promise<RunOutcome> {
    const row = await this.db
      .insertInto('run_outcomes')
      .values({
        run_id: outcome.run_id,
        account_id: outcome.account_id,
        ts: outcome.ts,
        contact_name: outcome.contact_name ?? null,
        profile_url: outcome.profile_url ?? null,
        status: outcome.status,
        reason: outcome.reason ?? null,
        error_code: outcome.error_code ?? null,
        screenshot: outcome.screenshot ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toOutcome(row);
  }

  async listForRun(runId: string): Promise<RunOutcome[]> {
    const rows = await this.db
      .selectFrom('run_outcomes')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toOutcome);
  }
}
