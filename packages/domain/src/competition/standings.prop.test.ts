import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TradingCalendar } from '../calendar/trading-calendar.js';
import { ProhibitedCountries } from '../kyc/prohibited-countries.js';
import { Decimal } from '../money/decimal.js';
import { unwrap } from '../shared/result.js';
import { Competition } from './competition.js';
import { compareRanking, type RankingKey } from './standings.js';

const BASE = Date.parse('2026-03-01T00:00:00Z');
/** Few distinct values so that ties on every key are common. */
const key: fc.Arbitrary<RankingKey> = fc.record({
  entryId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  performance: fc.integer({ min: -3, max: 3 }).map((n) => new Decimal(100_000 + n * 500)),
  roiReachedAt: fc.integer({ min: 0, max: 2 }).map((n) => new Date(BASE + n * 60_000)),
  registeredAt: fc.integer({ min: 0, max: 2 }).map((n) => new Date(BASE - n * 60_000)),
});
const distinctKeys = fc.uniqueArray(key, { selector: (k) => k.entryId, minLength: 1, maxLength: 6 });

describe('Competition ranking properties', () => {
  it('is a strict total order on entries', () => {
    fc.assert(
      fc.property(key, key, key, (a, b, c) => {
        const ab = compareRanking(a, b);
        // Antisymmetric, and equal only for the same entry (entry ids are unique in a competition).
        expect(Math.sign(ab) + Math.sign(compareRanking(b, a))).toBe(0);
        if (a.entryId !== b.entryId) expect(ab).not.toBe(0);
        // Transitive.
        if (ab < 0 && compareRanking(b, c) < 0) expect(compareRanking(a, c)).toBeLessThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same ranks whatever order the entries are stored in and however often it is computed', () => {
    const calendar = new TradingCalendar();
    fc.assert(
      fc.property(
        distinctKeys.chain((keys) => fc.tuple(fc.constant(keys), fc.shuffledSubarray(keys, { minLength: keys.length }))),
        ([keys, shuffled]) => {
          const competition = unwrap(
            Competition.create({
              id: 'c',
              name: 'c',
              schedule: { registrationOpens: '2026-02-01', registrationCloses: '2026-02-28', starts: '2026-03-01', ends: '2026-03-31' },
              prizes: [],
              actor: 'a',
              at: new Date(BASE),
            }),
          );
          for (const k of keys) {
            unwrap(
              competition.register(
                { entryId: k.entryId, userId: `user-${k.entryId}`, country: 'DE', at: new Date('2026-02-10T12:00:00Z') },
                calendar,
                ProhibitedCountries.default(),
              ),
            );
          }
          // Overwrite the tie-break instants directly in the stored shape, in another order.
          const state = competition.toState();
          const entries = shuffled.map((k) => ({
            ...state.entries.find((e) => e.id === k.entryId)!,
            equity: k.performance.toFixed(),
            roiReachedAt: k.roiReachedAt,
            registeredAt: k.registeredAt,
          }));
          const stored = Competition.restore({ ...state, entries });
          const first = stored.standings();
          expect(stored.standings()).toEqual(first);
          const expected = [...keys].sort(compareRanking).map((k) => k.entryId);
          expect(first.map((s) => s.entryId)).toEqual(expected);
          expect(first.map((s) => s.rank)).toEqual(keys.map((_, i) => i + 1));
        },
      ),
      { numRuns: 200 },
    );
  });
});
