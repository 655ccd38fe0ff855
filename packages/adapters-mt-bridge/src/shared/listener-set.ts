import type { Subscription } from '@tradesense/application';

/** Listeners keyed by symbol (or login); empty sets are dropped so lookups stay cheap. */
export class KeyedListeners<T> {
  readonly #byKey = new Map<string, Set<(value: T) => void>>();

  add(keys: readonly string[], listener: (value: T) => void): Subscription {
    for (const key of keys) {
      let set = this.#byKey.get(key);
      if (!set) this.#byKey.set(key, (set = new Set()));
      set.add(listener);
    }
    let active = true;
    return {
      unsubscribe: () => {
        if (!active) return;
        active = false;
        for (const key of keys) {
          const set = this.#byKey.get(key);
          set?.delete(listener);
          if (set?.size === 0) this.#byKey.delete(key);
        }
      },
    };
  }

  emit(key: string, value: T): void {
    const set = this.#byKey.get(key);
    if (!set) return;
    for (const listener of [...set]) listener(value);
  }

  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  keys(): string[] {
    return [...this.#byKey.keys()];
  }
}
