type Entry<V> = { value: V; expires: number };

/**
 * A bounded in-memory cache with per-entry expiry, one per database handle: tests run two databases in
 * one process, and a cached row belongs to the database it was read from. Used for the hot paths' reads
 * (link lookup on the redirect, program lookup on the postback); writers call `invalidate(db)`.
 */
export function ttlCache<V>(opts: { maxEntries: number }) {
  const maps = new WeakMap<object, Map<string, Entry<V>>>();
  const mapOf = (db: object) => {
    let map = maps.get(db);
    if (!map) maps.set(db, (map = new Map()));
    return map;
  };
  return {
    get(db: object, key: string, now = Date.now()): { value: V } | undefined {
      const hit = maps.get(db)?.get(key);
      return hit && hit.expires > now ? { value: hit.value } : undefined;
    },
    set(db: object, key: string, value: V, ttlMs: number, now = Date.now()): void {
      const map = mapOf(db);
      // Crude but bounded: a flood of distinct keys (random tokens, made-up codes) cannot grow memory.
      if (map.size >= opts.maxEntries) map.clear();
      map.set(key, { value, expires: now + ttlMs });
    },
    invalidate(db: object): void {
      maps.delete(db);
    },
  };
}
