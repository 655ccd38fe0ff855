/**
 * Rendezvous (highest-random-weight) hashing: every worker computes, for each
 * account, a weight per live worker and the highest wins. All workers that
 * see the same membership agree on each owner without talking to each other,
 * and when a worker leaves only its own accounts move (each to the worker
 * with the next highest weight); when one joins, it takes about 1/n.
 */
export function rendezvousOwner(key: string, workers: readonly string[]): string | null {
  let owner: string | null = null;
  let best = -1;
  for (const worker of workers) {
    const weight = hash53(`${worker}\u0000${key}`);
    if (weight > best || (weight === best && owner !== null && worker > owner)) {
      owner = worker;
      best = weight;
    }
  }
  return owner;
}

/** cyrb53: a fast, well-mixed 53-bit string hash (not cryptographic; ownership needs no secrecy). */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
