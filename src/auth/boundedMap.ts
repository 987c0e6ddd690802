/**
 * A Map that forgets: entries that say they have expired are dropped when read, and past
 * `maxKeys` the expired go first, then the least recently used. It bounds the memory an
 * attacker can make the login limiter use by inventing usernames or addresses.
 */
export class BoundedMap<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly maxKeys: number,
    private readonly expired: (value: V) => boolean,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The live entry, now the most recently used; undefined (and dropped) once expired. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    if (this.expired(value)) return undefined;
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxKeys) this.evict();
    this.entries.set(key, value);
  }

  private evict(): void {
    for (const [key, value] of this.entries) if (this.expired(value)) this.entries.delete(key);
    // Still full of live keys: drop the least recently used tenth, not one key per insert.
    const target = Math.floor(this.maxKeys * 0.9);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= target) break;
      this.entries.delete(key);
    }
  }
}
