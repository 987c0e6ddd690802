import { EventEmitter } from 'node:events';
import type { LogLine, Run } from './domain.ts';

/**
 * In-process event bus: the run engine and the API publish here, the SSE route and the
 * scheduler listen. Nothing polls the database to learn that something changed.
 */
export interface BusEvents {
  /** A run was created or changed (status, counters, progress). */
  run: [run: Run];
  log: [line: LogLine];
  /** Something else the status object shows changed (auto-run toggled, session checked). */
  status: [accountId: string];
  /**
   * Events relayed from other processes may have been missed (the Redis bridge just
   * reconnected): whoever shows state refreshes it from the store.
   */
  resync: [];
}

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every SSE client adds listeners; the default cap of 10 would warn with 11 tabs open.
    this.emitter.setMaxListeners(0);
  }

  emit<K extends keyof BusEvents>(event: K, ...args: BusEvents[K]): void {
    this.emitter.emit(event, ...args);
  }

  on<K extends keyof BusEvents>(event: K, listener: (...args: BusEvents[K]) => void): () => void {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return () => this.emitter.off(event, listener as (...args: unknown[]) => void);
  }

  listenerCount(event: keyof BusEvents): number {
    return this.emitter.listenerCount(event);
  }
}
