import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, weekdayOf } from '../calendar/local-date.js';
import { TradingCalendar } from '../calendar/trading-calendar.js';
import { Decimal } from '../money/decimal.js';
import { Percent } from '../money/percent.js';
import { firmCalendarArbitrary } from '../testing/firm-calendar-arbitrary.js';
import { Consistency } from './consistency.js';
import { MaxOpenLotsPerAssetClass } from './max-open-lots-per-asset-class.js';
import { MaxTradeLotsPerAssetClass } from './max-trade-lots-per-asset-class.js';
import { MaxTradesPerDay } from './max-trades-per-day.js';
import { NewsWindow } from './news-window.js';
import { judgeRestriction } from './restriction-judgement.js';
import { replayRestriction } from './restriction-replay.js';
import { violationToData } from './restriction-violation.js';
import { WeekendHoldingBan } from './weekend-holding-ban.js';

const runs = { numRuns: 60 };
const CENT = new Decimal('0.01');
const lots = fc.integer({ min: 1, max: 5000 }).map((cents) => new Decimal(cents).dividedBy(100));
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(ms));
const hash = 'sha256:test';

describe('restriction rules: properties', () => {
  it('open lots: equal to the limit never violates, one lot-cent above always does, and replays', () => {
    fc.assert(
      fc.property(lots, fc.integer({ min: 0, max: 100 }), instant, (limit, share, at) => {
        const rule = new MaxOpenLotsPerAssetClass({ forex: limit }, 'close');
        const before = limit.times(share).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_DOWN);
        const fact = { dealId: 'd', positionId: 'p', at, assetClass: 'forex', openLotsBefore: before };
        expect(rule.judge({ ...fact, lots: limit.minus(before) })).toBeNull();
        const above = judgeRestriction(rule, { ...fact, lots: limit.minus(before).plus(CENT) }, hash);
        expect(above.violation?.observed).toBe(limit.plus(CENT).toFixed());
        const replay = replayRestriction(JSON.parse(JSON.stringify(above.inputs)));
        expect(replay.ok && replay.value.inputHash).toBe(above.inputHash);
        expect(replay.ok && violationToData(replay.value.violation!)).toEqual(violationToData(above.violation!));
      }),
      runs,
    );
  });

  it('lots of one trade: at the limit never, a lot-cent above always', () => {
    fc.assert(
      fc.property(lots, instant, (limit, at) => {
        const rule = new MaxTradeLotsPerAssetClass({ indices: limit }, 'flag');
        const fact = { dealId: 'd', positionId: 'p', at, assetClass: 'indices' };
        expect(rule.judge({ ...fact, lots: limit })).toBeNull();
        expect(rule.judge({ ...fact, lots: limit.plus(CENT) })).not.toBeNull();
      }),
      runs,
    );
  });

  it('trades per day: the Nth opening never violates, the (N+1)th always does, closes never', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 400 }), instant, (limit, before, at) => {
        const rule = new MaxTradesPerDay(limit, 'flag');
        const fact = { dealId: 'd', positionId: 'p', at, tradingDay: '2026-01-05', tradesBefore: before };
        expect(rule.judge({ ...fact, action: 'open' }) !== null).toBe(before + 1 > limit);
        expect(rule.judge({ ...fact, action: 'close' })).toBeNull();
        expect(rule.judge({ ...fact, action: 'partial_close' })).toBeNull();
      }),
      runs,
    );
  });

  it('weekend cut-off: the reset opening the day named Saturday minus the minutes, in the zone (DST-correct)', () => {
    fc.assert(
      fc.property(firmCalendarArbitrary(), fc.integer({ min: 0, max: 600 }), instant, (settings, minutes, at) => {
        const calendar = new TradingCalendar(settings);
        const ban = new WeekendHoldingBan(calendar, minutes, 'close');
        const cutOff = ban.lastCutOff(at);
        expect(cutOff.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(ban.nextCutOff(at).getTime()).toBeGreaterThan(at.getTime());
        // The reset it is taken from starts a trading day named Saturday, whatever the zone's offset that week.
        const reset = new Date(cutOff.getTime() + minutes * 60_000);
        const day = calendar.tradingDayOf(reset);
        expect(weekdayOf(day)).toBe(6);
        expect(calendar.startOf(day).getTime()).toBe(reset.getTime());
        // Nothing later than it is a cut-off at or before `at`: the next one is a week of trading days on.
        expect(ban.cutOffOf(addDays(day, 7)).getTime()).toBeGreaterThan(at.getTime());
        // A position opened at the cut-off is held at it; one opened a millisecond later is not.
        const judged = ban.judge({
          at,
          positions: [
            { positionId: 'at', openedAt: cutOff },
            { positionId: 'after', openedAt: new Date(cutOff.getTime() + 1) },
          ],
        });
        expect(judged?.positionIds).toEqual(['at']);
        expect(judged?.at.getTime()).toBe(cutOff.getTime());
      }),
      runs,
    );
  });

  it('news window: both ends are inside, a millisecond beyond is not, holding across never is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), instant, fc.boolean(), (minutes, eventAt, late) => {
        const rule = new NewsWindow(minutes, 'exclude_profit');
        const events = [{ id: 'e', at: eventAt, currency: 'USD', impact: 'high' }];
        const edge = eventAt.getTime() + (late ? 1 : -1) * minutes * 60_000;
        const fact = (ms: number) => ({
          dealId: 'd', positionId: 'p', side: 'open' as const, at: new Date(ms), assetClass: 'forex', baseCurrency: 'EUR', quoteCurrency: 'USD', events,
        });
        expect(rule.judge(fact(edge))).not.toBeNull();
        expect(rule.judge(fact(edge + (late ? 1 : -1)))).toBeNull();
        // A position opened before the window and closed after it: neither end is judged inside.
        expect(rule.judge(fact(eventAt.getTime() - minutes * 60_000 - 1))).toBeNull();
        expect(rule.judge({ ...fact(eventAt.getTime() + minutes * 60_000 + 1), side: 'close' })).toBeNull();
      }),
      runs,
    );
  });

  it('consistency: allowed iff best day ≤ X% of the total; the total needed is then allowed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 90 }),
        fc.array(fc.integer({ min: -50_000, max: 200_000 }), { minLength: 1, maxLength: 10 }),
        (points, cents) => {
          const rule = new Consistency(Percent.of(points));
          const days = cents.map((value, index) => ({ tradingDay: addDays('2026-03-01', index), netProfit: new Decimal(value).dividedBy(100) }));
          const check = rule.check(days);
          const best = Decimal.max(...days.map((day) => day.netProfit), 0);
          const total = days.reduce((sum, day) => sum.plus(day.netProfit), new Decimal(0));
          expect(check.allowed).toBe(best.lessThanOrEqualTo(total.times(points).dividedBy(100)));
          // A period total of the total needed, with the same best day, would be allowed.
          expect(best.lessThanOrEqualTo(new Decimal(check.totalNeeded).times(points).dividedBy(100))).toBe(true);
        },
      ),
      runs,
    );
  });
});
