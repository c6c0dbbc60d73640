/**
 * Remembers records read from IndexedDB, so the hot path (a signature under a
 * grant: connection, grant and session lookups) does not wait on the database
 * for what it read a moment ago. The worker is the only writer and every write
 * goes through `invalidate`, which empties the cache before and after the write,
 * so a read that raced the write is never kept. Writes are rare (connect, open or
 * end a session, sweep), so dropping everything is cheaper than being clever.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, Promise<V>>();

  read(key: string, load: () => Promise<V>): Promise<V> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = load();
      this.entries.set(key, entry);
      entry.catch(() => this.entries.delete(key));
    }
    return entry;
  }

  async invalidate<T>(write: () => Promise<T>): Promise<T> {
    this.entries.clear();
    try {
      return await write();
    } finally {
      this.entries.clear();
    }
  }
}
