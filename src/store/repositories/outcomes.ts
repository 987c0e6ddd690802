import type { Kysely } from 'kysely';
import type { OutcomeStatus, RunOutcome } from '../../domain.ts';
import type {
  ExportedOutcome,
  ExportPageQuery,
  NewOutcome,
  OutcomesRepository,
  OutcomeTally,
} from '../interfaces.ts';
import { fromFlag, toNumber, withNumericId } from '../rows.ts';
import type { Database } from '../schema.ts';

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
    return withNumericId(row);
  }

  async listForRun(runId: string): Promise<RunOutcome[]> {
    const rows = await this.db
      .selectFrom('run_outcomes')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('id', 'asc')
      .execute();
    return rows.map(withNumericId);
  }

  async tally(runId: string): Promise<OutcomeTally> {
    const by_status: Record<OutcomeStatus, number> = {
      sent: 0,
      skipped: 0,
      error: 0,
      visited: 0,
      withdrawn: 0,
      interrupted: 0,
    };
    const statuses = await this.db
      .selectFrom('run_outcomes')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('count')])
      .where('run_id', '=', runId)
      .groupBy('status')
      .execute();
    for (const row of statuses) by_status[row.status] = toNumber(row.count);
    if (by_status.error === 0) return { by_status, errors: [] };

    const codes = await this.db
      .selectFrom('run_outcomes')
      .select((eb) => [
        'error_code',
        eb.fn.countAll<number | string>().as('count'),
        eb.fn.max<number | string>('id').as('last_id'),
      ])
      .where('run_id', '=', runId)
      .where('status', '=', 'error')
      .groupBy('error_code')
      .execute();
    const lastIds = codes.map((c) => toNumber(c.last_id));
    const reasons = new Map(
      (
        await this.db.selectFrom('run_outcomes').select(['id', 'reason']).where('id', 'in', lastIds).execute()
      ).map((r) => [toNumber(r.id), r.reason]),
    );
    const errors = codes
      .map((c) => ({
        code: c.error_code,
        count: toNumber(c.count),
        example: reasons.get(toNumber(c.last_id)) ?? null,
        last: toNumber(c.last_id),
      }))
      .sort((a, b) => b.count - a.count || b.last - a.last)
      .map(({ last: _last, ...rest }) => rest);
    return { by_status, errors };
  }

  async exportPage(query: ExportPageQuery<number>): Promise<ExportedOutcome[]> {
    let q = this.db
      .selectFrom('run_outcomes as o')
      .innerJoin('runs as r', 'r.id', 'o.run_id')
      .selectAll('o')
      .select(['r.type as run_type', 'r.dry_run as dry_run'])
      .where('o.account_id', '=', query.account_id);
    if (query.from !== undefined) q = q.where('o.ts', '>=', query.from);
    if (query.to !== undefined) q = q.where('o.ts', '<', query.to);
    if (query.after !== undefined) q = q.where('o.id', '>', query.after);
    const rows = await q.orderBy('o.id', 'asc').limit(query.limit).execute();
    return rows.map(({ dry_run, ...row }) => ({ ...withNumericId(row), dry_run: fromFlag(dry_run) }));
  }
}
