/** At most `limit` callers per key run at once; the others wait their turn, first come first served. */
export class KeyedGate {
  private readonly slots = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(private readonly limit: number) {}

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { active: 0, waiting: [] };
      this.slots.set(key, slot);
    }
    const mine = slot;
    if (mine.active >= this.limit) await new Promise<void>((resolve) => mine.waiting.push(resolve));
    else mine.active += 1;
    try {
      return await fn();
    } finally {
      const next = mine.waiting.shift();
      // The place passes to the next waiter as is; the key is forgotten once nobody holds it.
      if (next) next();
      else if (--mine.active === 0) this.slots.delete(key);
    }
  }
}
