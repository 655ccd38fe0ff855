import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TradingCalendar } from '../calendar/trading-calendar.js';
import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { ChallengeModel } from '../catalog/challenge-model.js';
import { Decimal } from '../money/decimal.js';
import { unwrap } from '../shared/result.js';
import { challengeModelArbitrary } from './challenge-model-arbitrary.js';
import { dealStreamArbitrary } from './deal-stream-arbitrary.js';
import { FIRM_TIME_ZONES, firmCalendarArbitrary } from './firm-calendar-arbitrary.js';
import { dstChangesOf, instantAroundDstChangeArbitrary, instantAroundResetArbitrary } from './instant-arbitrary.js';
import { nearFloorAccountArbitrary } from './near-floor-account-arbitrary.js';
import { stellarTwoStepRules } from './qa-defaults.js';
import { ruleSnapshotArbitrary } from './rule-snapshot-arbitrary.js';
import { tickStreamArbitrary } from './tick-stream-arbitrary.js';
import { aTradingAccount } from './trading-account-mother.js';

const runs = { numRuns: 40 };
const CENT = new Decimal('0.01');

describe('QA kit arbitraries', () => {
  it('generates models the catalog accepts, each with a size to buy', () => {
    fc.assert(
      fc.property(challengeModelArbitrary(), (state) => {
        const model = ChallengeModel.restore(state);
        expect(state.sizes.some((size) => size.enabled)).toBe(true);
        expect(model.parameters.dailyLossPercent.points.lessThan(model.parameters.maxLossPercent.points)).toBe(true);
      }),
      runs,
    );
  });

  it('generates rule snapshots that freeze and round-trip through JSON', () => {
    fc.assert(
      fc.property(ruleSnapshotArbitrary(), (snapshot) => {
        const copy = unwrap(RuleSnapshot.fromJSON(JSON.parse(JSON.stringify(snapshot.toJSON()))));
        expect(copy.contentHash).toBe(snapshot.contentHash);
        expect(Object.isFrozen(snapshot.toJSON())).toBe(true);
      }),
      runs,
    );
  });

  it('covers every rule option and restriction over a modest number of runs', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(ruleSnapshotArbitrary(), (snapshot) => {
        const { rules, restrictions } = snapshot;
        seen.add(`basis:${rules.dailyLossBasis}`).add(`reference:${rules.dailyLossReference}`).add(`mode:${rules.maxLossMode}`);
        seen.add(`tolerance:${rules.tolerance.isZero() ? 'zero' : 'some'}`).add(`phases:${snapshot.phaseCount}`);
        seen.add(`lots:${restrictions.maxOpenLotsPerAssetClass !== null}`).add(`news:${restrictions.newsWindowMinutes !== null}`);
        seen.add(`zone:${snapshot.calendarSettings.timeZone}`);
      }),
      { numRuns: 200 },
    );
    for (const expected of [
      'basis:balance', 'basis:max_balance_equity', 'reference:initial', 'reference:day_start',
      'mode:static', 'mode:trailing_equity', 'mode:trailing_eod_balance', 'tolerance:zero', 'tolerance:some',
      'phases:1', 'phases:2', 'lots:true', 'lots:false', 'news:true', 'news:false',
      ...FIRM_TIME_ZONES.map((zone) => `zone:${zone}`),
    ]) {
      expect(seen, expected).toContain(expected);
    }
  });

  it('pins drawdown options on request', () => {
    fc.assert(
      fc.property(ruleSnapshotArbitrary({ rules: { tolerance: fc.constant('0.00'), maxLossMode: fc.constant('trailing_equity') } }), (snapshot) => {
        expect(snapshot.rules.tolerance.isZero()).toBe(true);
        expect(snapshot.rules.maxLossMode).toBe('trailing_equity');
      }),
      runs,
    );
  });

  it('generates firm calendars whose days last 23, 24 or 25 hours, and instants around resets and DST changes', () => {
    const settings = firmCalendarArbitrary();
    const withInstant = settings.chain((calendar) =>
      fc.tuple(fc.constant(calendar), fc.oneof(instantAroundResetArbitrary(calendar), instantAroundDstChangeArbitrary(calendar))),
    );
    fc.assert(
      fc.property(withInstant, ([settings, instant]) => {
        const calendar = new TradingCalendar(settings);
        const day = calendar.tradingDayOf(instant);
        expect([23, 24, 25]).toContain(calendar.hoursIn(day));
        expect(calendar.startOf(day).getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(instant.getTime()).toBeLessThan(calendar.endOf(day).getTime());
      }),
      runs,
    );
  });

  it('finds two DST changes a year where the zone has them, none in Kolkata', () => {
    expect(dstChangesOf('America/New_York')).toHaveLength(14);
    expect(dstChangesOf('Australia/Sydney').length).toBeGreaterThanOrEqual(13);
    expect(dstChangesOf('Asia/Kolkata')).toEqual([]);
    expect(dstChangesOf('America/New_York')).toContain(Date.parse('2026-03-08T07:00:00Z'));
  });

  it('generates deal streams one account takes: in time order, positions opened before they are closed', () => {
    const rules = stellarTwoStepRules();
    const from = new Date('2026-03-06T15:00:00Z');
    fc.assert(
      fc.property(dealStreamArbitrary({ rules, from }), (deals) => {
        const open = new Set<string>();
        let previous = from.getTime();
        for (const deal of deals) {
          expect(deal.at.getTime()).toBeGreaterThanOrEqual(previous);
          previous = deal.at.getTime();
          if (deal.action === 'open') open.add(deal.positionId);
          else expect(open.has(deal.positionId)).toBe(true);
          if (deal.action === 'close') open.delete(deal.positionId);
          if (open.size === 0) expect(deal.equity.equals(deal.balance)).toBe(true);
          expect(deal.balance.decimalPlaces()).toBeLessThanOrEqual(2);
        }
        const account = aTradingAccount({ rules, at: from });
        for (const deal of deals) {
          if (!account.isTrading) break;
          expect(account.recordDeal(deal).ok).toBe(true);
        }
      }),
      runs,
    );
  });

  it('generates tick streams in time order with bid below ask and equity to the cent', () => {
    const rules = stellarTwoStepRules('25000.00');
    const from = new Date('2026-03-06T15:00:00Z');
    fc.assert(
      fc.property(tickStreamArbitrary({ rules, from }), (ticks) => {
        let previous = from.getTime();
        for (const observation of ticks) {
          expect(observation.at.getTime()).toBeGreaterThanOrEqual(previous);
          previous = observation.at.getTime();
          expect(observation.tick!.bid.lessThan(observation.tick!.ask)).toBe(true);
          expect(observation.equity.decimalPlaces()).toBeLessThanOrEqual(2);
        }
      }),
      runs,
    );
  });

  it('places accounts within a cent of their binding floor, trading, in the observation\'s trading day', () => {
    fc.assert(
      fc.property(nearFloorAccountArbitrary(), (near) => {
        const { account, observation, floor } = near;
        expect(account.isTrading).toBe(true);
        expect(observation.equity.minus(floor).abs().lessThanOrEqualTo(CENT)).toBe(true);
        expect(observation.equity.minus(floor).times(100).toNumber()).toBe(near.offsetCents);
        const floors = account.floors;
        expect(floor.equals(near.limit === 'daily_loss' ? floors.dailyLoss.floor : floors.maxLoss.floor)).toBe(true);
        expect(floor.greaterThanOrEqualTo(near.otherFloor)).toBe(true);
        expect(account.rules.calendar.tradingDayOf(observation.at)).toBe(account.drawdown.tradingDay);
        // §4: a breach iff equity ≤ floor − tolerance.
        const verdict = unwrap(account.evaluateEquity(observation));
        expect(verdict.verdict === 'breach').toBe(observation.equity.lessThanOrEqualTo(floor.minus(near.tolerance)));
      }),
      runs,
    );
  });

  it('places accounts near the max-loss floor when asked, and hands every run a fresh account', () => {
    fc.assert(
      fc.property(nearFloorAccountArbitrary({ limit: 'max_loss', positions: ['at'] }), (near) => {
        expect(near.limit).toBe('max_loss');
        expect(near.account.pendingEvents).toEqual([]);
        expect(near.observation.equity.equals(near.floor)).toBe(true);
      }),
      runs,
    );
  });
});
