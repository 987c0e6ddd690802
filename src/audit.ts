import type { Clock } from './clock.ts';
import type { Actor } from './domain.ts';
import type { Store } from './store/interfaces.ts';

/** Writes who did what to the audit log. Every start, stop, setting and session change goes here. */
export class AuditLog {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async record(
    accountId: string,
    actor: Actor,
    action: string,
    target: string | null,
    details: Record<string, unknown> | null = null,
  ): Promise<void> {
    await this.store.audit.append({
      account_id: accountId,
      ts: this.clock.now().toISOString(),
      actor_type: actor.type,
      actor_id: actor.id,
      action,
      target,
      details,
    });
  }
}
