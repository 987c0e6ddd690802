import type { Kysely } from 'kysely';
import type { LogLine } from '../../domain.ts';
import type { LogsRepository, NewLogLine } from '../interfaces.ts';
import { atomically } from '../queries.ts';
import { withNumericId } from '../rows.ts';
import type { Database } from '../schema.ts';

/** Rows per INSERT: 5 parameters each stays far below both engines' parameter limits. */
const BATCH = 500;

export class KyselyLogsRepository implements LogsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(lines: NewLogLine[]): Promise<LogLine[]> {
    if (lines.length === 0) return [];
    const stored = await atomically(this.db, async (trx) => {
      const out: LogLine[] = [];
      for (let i = 0; i < lines.length; i += BATCH) {
        const rows = await trx
          .insertInto('logs')
          .values(
            lines.slice(i, i + BATCH).map((l) => ({
              account_id: l.account_id,
              ts: l.ts,
              level: l.level,
              run_id: l.run_id,
              message: l.message,
            })),
          )
          .returningAll()
          .execute();
        out.push(...rows.map(withNumericId));
      }
      return out;
    });
    // RETURNING order is not guaranteed; ids follow the VALUES order, so sort by them.
    return stored.sort((a, b) => a.id - b.id);
  }

  async list(query: {
    account_id: string;
    limit: number;
    before?: number;
    level?: LogLine['level'];
    run_id?: string;
  }): Promise<LogLine[]> {
    let q = this.db.selectFrom('logs').selectAll().where('account_id', '=', query.account_id);
    if (query.before !== undefined) q = q.where('id', '<', query.before);
    if (query.level !== undefined) q = q.where('level', '=', query.level);
    if (query.run_id !== undefined) q = q.where('run_id', '=', query.run_id);
    const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(withNumericId);
  }

  async deleteOlderThan(ts: string): Promise<number> {
    const result = await this.db.deleteFrom('logs').where('ts', '<', ts).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
