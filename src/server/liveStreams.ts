import type { SessionsEnded } from '../auth/authService.ts';

/** Open event streams allowed per dashboard session (or the API key) and per client address. */
export const STREAMS_PER_CLIENT = 10;

/** Who holds a stream: its session (none for the API key) and the address it came from. */
export interface StreamHolder {
  /** The session's token hash, or null for the API key. */
  tokenHash: string | null;
  userId: string | null;
  address: string;
}

interface Slot extends StreamHolder {
  controller: AbortController;
}

/**
 * The open event streams: each takes a slot, bounded per holder and per address, given back
 * when the stream closes. A stream's signal aborts when its session ends in this process.
 */
export class LiveStreams {
  private readonly slots = new Set<Slot>();

  constructor(private readonly limit = STREAMS_PER_CLIENT) {}

  /** A slot for a new stream, or null when its session (or the API key) or its address has `limit` open. */
  open(holder: StreamHolder): { signal: AbortSignal; release: () => void } | null {
    let sameHolder = 0;
    let sameAddress = 0;
    for (const slot of this.slots) {
      if (slot.tokenHash === holder.tokenHash) sameHolder++;
      if (slot.address === holder.address) sameAddress++;
    }
    if (sameHolder >= this.limit || sameAddress >= this.limit) return null;
    const slot: Slot = { ...holder, controller: new AbortController() };
    this.slots.add(slot);
    return { signal: slot.controller.signal, release: () => this.slots.delete(slot) };
  }

  /** Ends the streams of sessions that ended (a logout, a password change). */
  sessionsEnded(ended: SessionsEnded): void {
    for (const slot of this.slots) {
      const match = 'tokenHash' in ended ? slot.tokenHash === ended.tokenHash : slot.userId === ended.userId;
      if (match) slot.controller.abort();
    }
  }

  get size(): number {
    return this.slots.size;
  }
}
