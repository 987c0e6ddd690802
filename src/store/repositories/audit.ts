import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry } from '../../domain.ts';
import type { AuditRepository, NewAuditEntry } from '../interfaces.ts';
import { parseJsonOrNull, withNumericId } from '../rows.ts';
import type { AuditLogTable, Database } from '../schema.ts';

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return { ...withNumericId(row), details: parseJsonOrNull<Record<string, unknown>>(row.details) };
}

export class KyselyAuditRepository implements AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const row = await this.db
      .insertInto('audit_log')
      .values({
        account_id: entry.account_id,
        ts: entry.ts,
        actor_type: entry.actor_type,
        actor_id: entry.actor_id,
        action: entry.action,
        target: entry.target,
        details: entry.details === null ? null : JSON.stringify(entry.details),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEntry(row);
  }

  async list(query: {
    account_id: string;
    limit: number;
    before?: number;
    action?: string;
  }): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll().where('account_id', '=', query.account_id);
    if (query.before !== undefined) q = q.where('id', '<', query.before);
    if (query.action !== undefined) q = q.where('action', '=', query.action);
    const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toEntry);
  }
}
