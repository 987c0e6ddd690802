import type { AppContext } from './context.ts';
import { type BotStatus, buildStatus } from './status.ts';

type Listener = (status: BotStatus) => void;

/**
 * Computes the status object once per change and hands it to every subscriber (SSE
 * clients). Changes arriving in the same tick are coalesced into one computation.
 */
export class StatusFeed {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly pending = new Set<string>();
  private readonly unsubscribe: (() => void)[];

  constructor(private readonly ctx: AppContext) {
    this.unsubscribe = [
      ctx.bus.on('run', (run) => this.changed(run.account_id)),
      ctx.bus.on('status', (accountId) => this.changed(accountId)),
    ];
  }

  subscribe(accountId: string, listener: Listener): () => void {
    let set = this.listeners.get(accountId);
    if (!set) {
      set = new Set();
      this.listeners.set(accountId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(accountId);
    };
  }

  get clientCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  changed(accountId: string): void {
    if (!this.listeners.has(accountId) || this.pending.has(accountId)) return;
    this.pending.add(accountId);
    setImmediate(() => {
      this.pending.delete(accountId);
      buildStatus(this.ctx, accountId)
        .then((status) => {
          for (const listener of this.listeners.get(accountId) ?? []) listener(status);
        })
        .catch((err) => this.ctx.logger.error({ err }, 'status computation failed'));
    });
  }

  close(): void {
    for (const off of this.unsubscribe) off();
    this.listeners.clear();
  }
}
