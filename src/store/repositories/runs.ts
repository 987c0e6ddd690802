import { randomUUID } from 'node:crypto';
import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import {
  ACTIVE_RUN_STATUSES,
  FINAL_RUN_STATUSES,
  type Run,
  type RunCounters,
  type RunError,
  type RunProgress,
  type RunStatus,
} from '../../domain.ts';
import type {
  ExportPageQuery,
  FinishedRunsRow,
  NewRun,
  RunActivityRow,
  RunCursor,
  RunFinish,
  RunListQuery,
  RunsRepository,
  RunTypeTotals,
} from '../interfaces.ts';
import { hasRow } from '../queries.ts';
import { fromFlag, parseJson, parseJsonOrNull, toFlag, toNumber } from '../rows.ts';
import type { Database, RunsTable } from '../schema.ts';

const ACTIVE: RunStatus[] = [...ACTIVE_RUN_STATUSES];
const FINAL: RunStatus[] = [...FINAL_RUN_STATUSES];

/** How many runs, and their counters summed (COUNT and SUM: strings or null on PostgreSQL). */
function counterSums(eb: ExpressionBuilder<Database, 'runs'>) {
  return [
    eb.fn.countAll<number | string>().as('runs'),
    eb.fn.sum<number | string | null>('messages_sent').as('messages_sent'),
    eb.fn.sum<number | string | null>('skipped').as('skipped'),
    eb.fn.sum<number | string | null>('errors').as('errors'),
    eb.fn.sum<number | string | null>('profiles_visited').as('profiles_visited'),
    eb.fn.sum<number | string | null>('invitations_withdrawn').as('invitations_withdrawn'),
  ] as const;
}

type SummedRow = Record<'runs' | keyof RunCounters, number | string | null>;

function summedCounters(row: SummedRow): RunCounters & { runs: number } {
  return {
    runs: toNumber(row.runs),
    messages_sent: toNumber(row.messages_sent),
    skipped: toNumber(row.skipped),
    errors: toNumber(row.errors),
    profiles_visited: toNumber(row.profiles_visited),
    invitations_withdrawn: toNumber(row.invitations_withdrawn),
  };
}

function counters(row: RunCounters): RunCounters {
  return {
    messages_sent: toNumber(row.messages_sent),
    skipped: toNumber(row.skipped),
    errors: toNumber(row.errors),
    profiles_visited: toNumber(row.profiles_visited),
    invitations_withdrawn: toNumber(row.invitations_withdrawn),
  };
}

export function toRun(row: Selectable<RunsTable>): Run {
  return {
    id: row.id,
    account_id: row.account_id,
    type: row.type,
    status: row.status,
    trigger: row.trigger,
    dry_run: fromFlag(row.dry_run),
    options: parseJson<Record<string, unknown>>(row.options),
    queued_at: row.queued_at,
    started_at: row.started_at,
    ended_at: row.ended_at,
    error: parseJsonOrNull<RunError>(row.error),
    stopped_by: row.stopped_by,
    progress: parseJson<RunProgress>(row.progress),
    heartbeat_at: row.heartbeat_at,
    schedule_date: row.schedule_date,
    pid: row.pid === null ? null : Number(row.pid),
    host: row.host,
    ...counters(row),
  };
}

export class KyselyRunsRepository implements RunsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async createIfIdle(input: NewRun): Promise<Run | null> {
    // The partial unique index refuses a second queued/active run for this account: DO NOTHING
    // (no caught error) keeps a PostgreSQL transaction around the insert usable.
    const row = await this.db
      .insertInto('runs')
      .values({
        id: randomUUID(),
        account_id: input.account_id,
        type: input.type,
        status: 'queued',
        trigger: input.trigger,
        dry_run: toFlag(input.dry_run),
        options: JSON.stringify(input.options),
        queued_at: input.queued_at,
        activity_at: input.queued_at,
        progress: '{}',
        schedule_date: input.schedule_date ?? null,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? toRun(row) : null;
  }

  async get(id: string): Promise<Run | null> {
    const row = await this.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRun(row) : null;
  }

  async list(query: RunListQuery): Promise<Run[]> {
    let q = this.db.selectFrom('runs').selectAll().where('account_id', '=', query.account_id);
    if (query.type !== undefined) q = q.where('type', '=', query.type);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    if (query.before !== undefined) {
      const cursor = await this.db
        .selectFrom('runs')
        .select(['queued_at', 'id'])
        .where('id', '=', query.before)
        .where('account_id', '=', query.account_id)
        .executeTakeFirst();
      // An unknown cursor has nothing "before" it.
      if (!cursor) return [];
      q = q.where((eb) =>
        eb.or([
          eb('queued_at', '<', cursor.queued_at),
          eb.and([eb('queued_at', '=', cursor.queued_at), eb('id', '<', cursor.id)]),
        ]),
      );
    }
    const rows = await q.orderBy('queued_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toRun);
  }

  async latest(accountId: string, opts: { finished?: boolean } = {}): Promise<Run | null> {
    let q = this.db.selectFrom('runs').selectAll().where('account_id', '=', accountId);
    if (opts.finished) q = q.where('status', 'in', FINAL);
    const row = await q.orderBy('queued_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? toRun(row) : null;
  }

  async listActive(accountId?: string): Promise<Run[]> {
    // Literal statuses: SQLite uses the partial index `runs_one_active_per_account` only when
    // the query repeats its predicate verbatim (bound parameters make it scan every run).
    let q = this.db
      .selectFrom('runs')
      .selectAll()
      .where(sql<boolean>`status in ('queued', 'running', 'stopping')`);
    if (accountId !== undefined) q = q.where('account_id', '=', accountId);
    const rows = await q.orderBy('queued_at', 'asc').orderBy('id', 'asc').execute();
    return rows.map(toRun);
  }

  async markRunning(id: string, at: string, pid: number | null, host: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable('runs')
      .set({ status: 'running', started_at: at, activity_at: at, heartbeat_at: at, pid, host })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async markStopping(id: string, stoppedBy: string): Promise<boolean> {
    // A run already stopping stays so (true), and keeps whoever asked first.
    const result = await this.db
      .updateTable('runs')
      .set((eb) => ({
        status: 'stopping',
        stopped_by: eb.fn.coalesce('stopped_by', eb.val(stoppedBy)),
      }))
      .where('id', '=', id)
      .where('status', 'in', ACTIVE)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async updateProgress(id: string, values: RunCounters, progress: RunProgress, at: string): Promise<void> {
    // Only while active: a late update must not overwrite a finished run's final counters.
    await this.db
      .updateTable('runs')
      .set({ ...counters(values), progress: JSON.stringify(progress), heartbeat_at: at })
      .where('id', '=', id)
      .where('status', 'in', ACTIVE)
      .execute();
  }

  async heartbeat(id: string, at: string): Promise<void> {
    await this.db
      .updateTable('runs')
      .set({ heartbeat_at: at })
      .where('id', '=', id)
      .where('status', 'in', ACTIVE)
      .execute();
  }

  async finish(id: string, result: RunFinish): Promise<boolean> {
    // Conditional on the run still being active, so two finishers cannot both win.
    const update = await this.db
      .updateTable('runs')
      .set((eb) => ({
        status: result.status,
        ended_at: result.at,
        error: result.error ? JSON.stringify(result.error) : null,
        stopped_by: eb.fn.coalesce('stopped_by', eb.val(result.stopped_by ?? null)),
        ...(result.counters ? counters(result.counters) : {}),
      }))
      .where('id', '=', id)
      .where('status', 'in', ACTIVE)
      .executeTakeFirst();
    return update.numUpdatedRows > 0n;
  }

  async activity(accountId: string, from: string, to: string): Promise<RunActivityRow[]> {
    const rows = await this.db
      .selectFrom('runs')
      .select([
        'activity_at as at',
        'messages_sent',
        'skipped',
        'errors',
        'profiles_visited',
        'invitations_withdrawn',
      ])
      .where('account_id', '=', accountId)
      .where('activity_at', '>=', from)
      .where('activity_at', '<', to)
      .orderBy('activity_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map((row) => ({ at: row.at, ...counters(row) }));
  }

  async finishedByTypeAndStatus(): Promise<FinishedRunsRow[]> {
    const rows = await this.db
      .selectFrom('runs')
      .select((eb) => ['type', 'status', ...counterSums(eb)])
      .where('status', 'in', FINAL)
      .groupBy(['type', 'status'])
      .orderBy('type')
      .orderBy('status')
      .execute();
    return rows.map((row) => ({ type: row.type, status: row.status, ...summedCounters(row) }));
  }

  async totals(accountId: string, from?: string): Promise<RunCounters & { runs: number }> {
    let q = this.db.selectFrom('runs').select(counterSums).where('account_id', '=', accountId);
    if (from !== undefined) q = q.where('activity_at', '>=', from);
    const row = await q.executeTakeFirstOrThrow();
    return summedCounters(row);
  }

  async totalsByType(accountId: string, from?: string): Promise<RunTypeTotals[]> {
    let q = this.db
      .selectFrom('runs')
      .select((eb) => ['type', ...counterSums(eb)])
      .where('account_id', '=', accountId);
    if (from !== undefined) q = q.where('activity_at', '>=', from);
    const rows = await q.groupBy('type').orderBy('type').execute();
    return rows.map((row) => ({ type: row.type, ...summedCounters(row) }));
  }

  async exportPage(query: ExportPageQuery<RunCursor>): Promise<Run[]> {
    let q = this.db.selectFrom('runs').selectAll().where('account_id', '=', query.account_id);
    if (query.from !== undefined) q = q.where('activity_at', '>=', query.from);
    if (query.to !== undefined) q = q.where('activity_at', '<', query.to);
    const after = query.after;
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('activity_at', '>', after.at),
          eb.and([eb('activity_at', '=', after.at), eb('id', '>', after.id)]),
        ]),
      );
    }
    const rows = await q.orderBy('activity_at', 'asc').orderBy('id', 'asc').limit(query.limit).execute();
    return rows.map(toRun);
  }

  async hasScheduledRun(accountId: string, scheduleDate: string): Promise<boolean> {
    return hasRow(
      this.db
        .selectFrom('runs')
        .select('id')
        .where('account_id', '=', accountId)
        .where('schedule_date', '=', scheduleDate)
        .where('status', '!=', 'interrupted'),
    );
  }

  async firstActiveAt(accountId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('runs')
      .select((eb) => eb.fn.min<string>('activity_at').as('at'))
      .where('account_id', '=', accountId)
      .where('dry_run', '=', toFlag(false))
      .where((eb) =>
        eb.or([
          eb('messages_sent', '>', 0),
          eb('profiles_visited', '>', 0),
          eb('invitations_withdrawn', '>', 0),
        ]),
      )
      .executeTakeFirst();
    return row?.at ?? null;
  }
}
