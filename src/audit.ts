import type { Clock } from './clock.ts';
import type { Actor } from './domain.ts';
import type { NewAuditEntry, Store } from './store/interfaces.ts';

/** What an audit entry says: who did what to which target. */
export interface AuditRecord {
  accountId: string;
  actor: Actor;
  action: string;
  target: string | null;
  details?: Record<string, unknown> | null;
}

/** Writes who did what to the audit log. Every start, stop, setting and session change goes here. */
export class AuditLog {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** An entry on its own (an event that changes nothing else: a login, a check's result). */
  async record(
    accountId: string,
    actor: Actor,
    action: string,
    target: string | null,
    details: Record<string, unknown> | null = null,
  ): Promise<void> {
    await this.store.audit.append(this.entry({ accountId, actor, action, target, details }));
  }

  /**
   * A change and its entry in one transaction: both are saved or neither is, so no change
   * goes unrecorded (a crash, a failing insert). `change` writes through `tx` only; the
   * entry is made from its result, and a `null` entry means nothing changed, nothing to record.
   */
  async change<T>(
    change: (tx: Store) => Promise<T>,
    recordOf: (result: T) => AuditRecord | null,
  ): Promise<T> {
    return this.store.transaction(async (tx) => {
      const result = await change(tx);
      const record = recordOf(result);
      if (record) await tx.audit.append(this.entry(record));
      return result;
    });
  }

  private entry(record: AuditRecord): NewAuditEntry {
    return {
      account_id: record.accountId,
      ts: this.clock.now().toISOString(),
      actor_type: record.actor.type,
      actor_id: record.actor.id,
      action: record.action,
      target: record.target,
      details: record.details ?? null,
    };
  }
}
