/**
 * Remembers records read from IndexedDB, so the hot path (a signature under a
 * grant: connection, grant and session lookups) does not wait on the database
 * for what it read a moment ago. The worker is the only writer and every write
 * goes through `invalidate`, which empties the cache before and after the write,
 * so a read that raced the write is never kept. Writes are rare (connect, open or
 * end a session, sweep), so dropping everything is cheaper than being clever.
 * A failed read is never kept, nor, unless `keepsMisses`, one that found nothing: then what a page can make the
 * worker remember is bounded by what the database holds, whatever ids it asks for.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, Promise<V | undefined>>();

  constructor(private readonly keepsMisses: boolean) {}

  read(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    let entry = this.entries.get(key);
    if (!entry) {
      const loading = load();
      const drop = () => {
        if (this.entries.get(key) === loading) this.entries.delete(key);
      };
      loading.then((value) => value === undefined && !this.keepsMisses && drop(), drop);
      this.entries.set(key, loading);
      entry = loading;
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
