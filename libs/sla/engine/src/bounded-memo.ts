/**
 * Values computed once per key, for hot paths whose keys are unbounded (instants, zones): past
 * `max` entries it starts over, so memory stays bounded whatever the keys. A compute that throws
 * keeps nothing.
 */
export class BoundedMemo<K, V> {
  private readonly values = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K, compute: (key: K) => V): V {
    const known = this.values.get(key);
    if (known !== undefined) return known;
    const value = compute(key);
    if (this.values.size >= this.max) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}
