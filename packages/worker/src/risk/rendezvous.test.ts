import { describe, expect, it } from 'vitest';
import { rendezvousOwner } from './rendezvous.js';

const accounts = Array.from({ length: 3_000 }, (_, i) => `challenge-${i}`);
const owners = (workers: string[]) => new Map(accounts.map((a) => [a, rendezvousOwner(a, workers)]));

describe('rendezvous ownership', () => {
  it('gives every account exactly one owner among the live workers, spread about evenly', () => {
    const workers = ['w-a', 'w-b', 'w-c'];
    const counts = new Map<string, number>();
    for (const owner of owners(workers).values()) counts.set(owner!, (counts.get(owner!) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(workers);
    for (const count of counts.values()) expect(count).toBeGreaterThan(800);
  });

  it('does not depend on the order the workers are listed in', () => {
    expect(owners(['w-a', 'w-b', 'w-c'])).toEqual(owners(['w-c', 'w-a', 'w-b']));
  });

  it('moves only the leaving worker’s accounts when one leaves', () => {
    const before = owners(['w-a', 'w-b', 'w-c']);
    const after = owners(['w-a', 'w-c']);
    for (const account of accounts) {
      if (before.get(account) !== 'w-b') expect(after.get(account)).toBe(before.get(account));
      else expect(['w-a', 'w-c']).toContain(after.get(account));
    }
  });

  it('has no owner without live workers', () => {
    expect(rendezvousOwner('challenge-1', [])).toBeNull();
  });
});
