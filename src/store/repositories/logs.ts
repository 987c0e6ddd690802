import { type Kysely, type Selectable, sql } from 'kysely';
import { LOG_LEVELS, type LogLevel, type LogLine } from '../../domain.ts';
import type { LogsRepository, NewLogLine } from '../interfaces.ts';
import { atomically } from '../queries.ts';
import { parseJsonOrNull, withNumericId } from '../rows.ts';
import type { Database, LogsTable } from '../schema.ts';

/** Rows per INSERT: 7 parameters each stays far below both engines' parameter limits. */
const BATCH = 500;

function toLine(row: Selectable<LogsTable>): LogLine {
  return { ...withNumericId(row), params: parseJsonOrNull<LogLine['params']>(row.params) };
}

/** `level` and every level above it. */
export function levelsFrom(level: LogLevel): LogLevel[] {
  return LOG_LEVELS.slice(LOG_LEVELS.indexOf(level));
}

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
              code: l.code,
              params: l.params === null ? null : JSON.stringify(l.params),
            })),
          )
          .returningAll()
          .execute();
        out.push(...rows.map(toLine));
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
    level?: LogLevel;
    min_level?: LogLevel;
    run_id?: string;
    run_id_prefix?: string;
  }): Promise<LogLine[]> {
    let q = this.db.selectFrom('logs').selectAll().where('account_id', '=', query.account_id);
    if (query.before !== undefined) q = q.where('id', '<', query.before);
    if (query.level !== undefined) q = q.where('level', '=', query.level);
    if (query.min_level !== undefined) q = q.where('level', 'in', levelsFrom(query.min_level));
    if (query.run_id !== undefined) q = q.where('run_id', '=', query.run_id);
    if (query.run_id_prefix) {
      // A comparison of the first characters, not LIKE: nothing in the prefix is a wildcard,
      // and no collation (PostgreSQL's ignores dashes in ranges) gets a say.
      const n = query.run_id_prefix.length;
      q = q.where(sql<string>`substr(run_id, 1, ${n})`, '=', query.run_id_prefix);
    }
    const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toLine);
  }

  async deleteOlderThan(ts: string): Promise<number> {
    const result = await this.db.deleteFrom('logs').where('ts', '<', ts).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
