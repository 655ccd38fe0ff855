import { describe, expect, it } from 'vitest';
import { TradingCalendar } from '../calendar/trading-calendar.js';
import { ChallengeModel } from '../catalog/challenge-model.js';
import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { STELLAR_2STEP } from '../catalog/stellar-models.js';
import { CatalogErrorCode } from '../catalog/catalog-errors.js';
import { competitionRuleSnapshotData } from '../competition/competition-rule-snapshot.js';
import { Decimal } from '../money/decimal.js';
import { Percent } from '../money/percent.js';
import { unwrap } from '../shared/result.js';
import { stellarTwoStepRules } from '../testing/qa-defaults.js';
import { Consistency } from './consistency.js';
import { MaxOpenLotsPerAssetClass } from './max-open-lots-per-asset-class.js';
import { MaxTradeLotsPerAssetClass } from './max-trade-lots-per-asset-class.js';
import { MaxTradesPerDay } from './max-trades-per-day.js';
import { NewsWindow, type NewsWindowFact } from './news-window.js';
import { judgeRestriction } from './restriction-judgement.js';
import { replayStoredViolation } from './restriction-replay.js';
import { violationToData } from './restriction-violation.js';
import { WeekendHoldingBan } from './weekend-holding-ban.js';

const d = (value: string) => new Decimal(value);
const at = (iso: string) => new Date(iso);
const NEW_YORK = new TradingCalendar();

/** The 2-Step snapshot with some restrictions on. */
function snapshotWith(restrictions: Record<string, unknown>): RuleSnapshot {
  const data = stellarTwoStepRules().toJSON();
  return unwrap(
    RuleSnapshot.fromJSON({ ...data, parameters: { ...data.parameters, restrictions: { ...data.parameters.restrictions, ...restrictions } } }),
  );
}

describe('restriction options in the snapshot (§2, §14)', () => {
  it('keeps the data and content hash of snapshots without the new fields', () => {
    const rules = stellarTwoStepRules();
    const again = unwrap(RuleSnapshot.fromJSON(JSON.parse(JSON.stringify(rules.toJSON()))));
    expect(again.contentHash).toBe(rules.contentHash);
    expect(Object.keys(rules.toJSON().parameters.restrictions).sort()).toEqual(
      ['consistencyPercent', 'maxOpenLotsPerAssetClass', 'maxTradesPerDay', 'newsWindowMinutes', 'weekendHoldingBan'],
    );
    // Fields at their defaults are left out, so writing them changes nothing.
    expect(snapshotWith({ weekendCutOffMinutes: 0, actions: {} }).contentHash).toBe(rules.contentHash);
  });

  it('gives each restriction its default action, a competition its own', () => {
    const rules = stellarTwoStepRules();
    expect(rules.restrictionAction('max_open_lots_per_asset_class')).toBe('close');
    expect(rules.restrictionAction('max_trade_lots_per_asset_class')).toBe('flag');
    expect(rules.restrictionAction('max_trades_per_day')).toBe('flag');
    expect(rules.restrictionAction('weekend_holding_ban')).toBe('close');
    expect(rules.restrictionAction('news_window')).toBe('exclude_profit');
    const competition = unwrap(
      RuleSnapshot.fromJSON(
        competitionRuleSnapshotData(
          { id: 'c-1', name: 'Cup', currency: 'USD', initialBalance: '100000', entryFee: '0', maxDailyTrades: 50, maxLotsForex: '5', maxLotsIndices: '3', lossLimits: null },
          { timeZone: 'America/New_York', resetTime: '17:00' },
        ),
      ),
    );
    expect(competition.isCompetition).toBe(true);
    expect(competition.restrictionAction('max_trades_per_day')).toBe('breach');
    expect(competition.restrictionAction('max_trade_lots_per_asset_class')).toBe('breach');
    expect(competition.restrictionAction('news_window')).toBe('exclude_profit');
    expect(competition.toJSON().parameters.restrictions).not.toHaveProperty('actions');
  });

  it('lets an admin set the actions and the weekend minutes, and refuses bad ones', () => {
    const model = ChallengeModel.restore(STELLAR_2STEP);
    const revised = model.revise(
      { parameters: { restrictions: { weekendHoldingBan: true, weekendCutOffMinutes: 30, actions: { max_trades_per_day: 'breach', news_window: 'flag' } } } },
      'admin-1',
      at('2026-01-05T15:00:00Z'),
    );
    expect(revised.ok).toBe(true);
    const rules = unwrap(RuleSnapshot.freeze(model, '100000', { timeZone: 'America/New_York', resetTime: '17:00' }));
    expect(rules.toJSON().parameters.restrictions).toMatchObject({ weekendCutOffMinutes: 30, actions: { max_trades_per_day: 'breach', news_window: 'flag' } });
    expect(rules.restrictionAction('max_trades_per_day')).toBe('breach');
    expect(rules.restrictionAction('max_open_lots_per_asset_class')).toBe('close');
    for (const [restrictions, field] of [
      [{ actions: { consistency: 'flag' } }, 'restrictions.actions key'],
      [{ actions: { news_window: 'warn' } }, 'restrictions.actions.news_window'],
      [{ weekendCutOffMinutes: -1 }, 'restrictions.weekendCutOffMinutes'],
      [{ weekendCutOffMinutes: 1441 }, 'restrictions.weekendCutOffMinutes'],
      [{ weekendCutOffMinutes: 2.5 }, 'restrictions.weekendCutOffMinutes'],
    ] as const) {
      const refused = ChallengeModel.restore(STELLAR_2STEP).revise({ parameters: { restrictions: restrictions as never } }, 'admin-1', at('2026-01-05T15:00:00Z'));
      expect(refused.ok ? null : [refused.error.code, refused.error.details['field']]).toEqual([CatalogErrorCode.INVALID_MODEL, field]);
    }
  });
});

describe('worked examples of §14', () => {
  it('max open lots, forex 5.00: 3.00 open + 2.00 is allowed, a further 0.01 is closed', () => {
    const rule = new MaxOpenLotsPerAssetClass({ forex: d('5.00') }, 'close');
    const base = { positionId: 'p-2', at: at('2026-01-05T15:00:00Z'), assetClass: 'forex' };
    expect(rule.judge({ ...base, dealId: 'd-2', lots: d('2.00'), openLotsBefore: d('3.00') })).toBeNull();
    const violation = rule.judge({ ...base, dealId: 'd-3', positionId: 'p-3', lots: d('0.01'), openLotsBefore: d('5.00') });
    expect(violation).toMatchObject({ id: 'max_open_lots_per_asset_class:d-3', action: 'close', positionIds: ['p-3'], limit: '5', observed: '5.01' });
    expect(rule.judge({ ...base, dealId: 'd-4', assetClass: 'crypto', lots: d('50'), openLotsBefore: d('0') })).toBeNull();
  });

  it('lots of one trade (a competition: forex 5.00): 5.00 allowed, 5.01 violates', () => {
    const rule = new MaxTradeLotsPerAssetClass({ forex: d('5.00'), indices: d('3.00') }, 'breach');
    const base = { dealId: 'd-1', positionId: 'p-1', at: at('2026-01-05T15:00:00Z'), assetClass: 'forex' };
    expect(rule.judge({ ...base, lots: d('5.00') })).toBeNull();
    expect(rule.judge({ ...base, lots: d('5.01') })).toMatchObject({ limit: '5', observed: '5.01', action: 'breach' });
    expect(rule.judge({ ...base, assetClass: 'indices', lots: d('3.01') })).toMatchObject({ limit: '3', observed: '3.01' });
  });

  it('max trades per day, N = 10: the 11th opening violates; closes never count', () => {
    const rule = new MaxTradesPerDay(10, 'flag');
    const fact = { dealId: 'd-11', positionId: 'p-11', at: at('2026-01-05T15:00:00Z'), tradingDay: '2026-01-05' };
    expect(rule.judge({ ...fact, action: 'open', tradesBefore: 9 })).toBeNull();
    expect(rule.judge({ ...fact, action: 'open', tradesBefore: 10 })).toMatchObject({ id: 'max_trades_per_day:d-11', limit: '10', observed: '11' });
    expect(rule.judge({ ...fact, action: 'close', tradesBefore: 10 })).toBeNull();
    expect(rule.judge({ ...fact, action: 'partial_close', tradesBefore: 10 })).toBeNull();
  });

  it('weekend cut-off: Friday 17:00 New York, 2026-03-06 22:00Z, 2026-03-13 21:00Z after DST, 21:30Z with 30 minutes', () => {
    const ban = new WeekendHoldingBan(NEW_YORK, 0, 'close');
    expect(ban.lastCutOff(at('2026-03-07T12:00:00Z')).toISOString()).toBe('2026-03-06T22:00:00.000Z');
    expect(ban.lastCutOff(at('2026-03-14T12:00:00Z')).toISOString()).toBe('2026-03-13T21:00:00.000Z');
    expect(ban.nextCutOff(at('2026-03-07T12:00:00Z')).toISOString()).toBe('2026-03-13T21:00:00.000Z');
    expect(new WeekendHoldingBan(NEW_YORK, 30, 'close').lastCutOff(at('2026-03-06T21:30:00Z')).toISOString()).toBe('2026-03-06T21:30:00.000Z');
    const violation = ban.judge({
      at: at('2026-03-06T22:00:00Z'),
      positions: [
        { positionId: 'p-1', openedAt: at('2026-03-05T10:00:00Z') },
        { positionId: 'p-2', openedAt: at('2026-03-06T22:00:00Z') },
        { positionId: 'p-3', openedAt: at('2026-03-08T23:00:00Z') },
      ],
    });
    expect(violation).toMatchObject({ id: 'weekend_holding_ban:2026-03-06T22:00:00.000Z', positionIds: ['p-1', 'p-2'], observed: '2', dealId: null });
    expect(violation?.at.toISOString()).toBe('2026-03-06T22:00:00.000Z');
  });

  it('news window: a USD event at 14:30:00Z with N = 2', () => {
    const rule = new NewsWindow(2, 'exclude_profit');
    const events = [{ id: 'nfp', at: at('2026-03-06T14:30:00Z'), currency: 'USD', impact: 'high' }];
    const fact = (side: 'open' | 'close', iso: string, symbol: Partial<NewsWindowFact> = {}): NewsWindowFact => ({
      dealId: `d-${iso}`,
      positionId: 'p-1',
      side,
      at: at(iso),
      assetClass: 'forex',
      baseCurrency: 'EUR',
      quoteCurrency: 'USD',
      events,
      ...symbol,
    });
    const us30 = { assetClass: 'indices', baseCurrency: 'USD', quoteCurrency: 'USD' };
    const ger40 = { assetClass: 'indices', baseCurrency: 'USD', quoteCurrency: 'EUR' };
    expect(rule.judge(fact('open', '2026-03-06T14:28:00Z'))).toMatchObject({ observed: '2', details: { eventId: 'nfp', side: 'open' } });
    expect(rule.judge(fact('close', '2026-03-06T14:32:00Z', us30))).toMatchObject({ observed: '2', details: { side: 'close' } });
    expect(rule.judge(fact('open', '2026-03-06T14:20:00Z'))).toBeNull();
    expect(rule.judge(fact('close', '2026-03-06T14:40:00Z'))).toBeNull();
    expect(rule.judge(fact('open', '2026-03-06T14:30:00Z', ger40))).toBeNull();
    expect(rule.judge(fact('open', '2026-03-06T14:30:00Z', { events: [{ ...events[0]!, impact: 'medium' }] }))).toBeNull();
  });

  it('consistency, X = 40%: best day 3,000 of 7,500 allowed; of 6,000 refused, 7,500 needed, 1,500 more', () => {
    const rule = new Consistency(Percent.of(40));
    const days = (total: string) => [
      { tradingDay: '2026-03-02', netProfit: d('3000') },
      { tradingDay: '2026-03-03', netProfit: d(total).minus(3000).dividedBy(2) },
      { tradingDay: '2026-03-04', netProfit: d(total).minus(3000).dividedBy(2) },
    ];
    expect(rule.check(days('7500'))).toMatchObject({ allowed: true, bestDay: '2026-03-02', totalProfit: '7500.00', stillNeeded: '0.00' });
    expect(rule.check(days('6000'))).toMatchObject({ allowed: false, bestDayProfit: '3000.00', totalNeeded: '7500.00', stillNeeded: '1500.00' });
    expect(rule.check(days('6000')).inputHash).toBe(rule.check([...days('6000')].reverse()).inputHash);
  });

  it('replays a stored violation from its inputs to the same hash', () => {
    const rules = snapshotWith({ maxTradesPerDay: 2 });
    const judgement = judgeRestriction(
      MaxTradesPerDay.of(rules)!,
      { dealId: 'd-3', positionId: 'p-3', action: 'open', at: at('2026-01-05T15:00:00Z'), tradingDay: '2026-01-05', tradesBefore: 2 },
      rules.contentHash,
    );
    const stored = { violation: violationToData(judgement.violation!), inputs: JSON.parse(JSON.stringify(judgement.inputs)), inputHash: judgement.inputHash };
    expect(unwrap(replayStoredViolation(stored))).toMatchObject({ matches: true, replayedHash: judgement.inputHash });
    const tampered = { ...stored, inputs: { ...stored.inputs, fact: { ...stored.inputs.fact, tradesBefore: 1 } } };
    expect(unwrap(replayStoredViolation(tampered)).matches).toBe(false);
    expect(replayStoredViolation({ ...stored, inputs: { ...stored.inputs, engine: 99 } }).ok).toBe(false);
  });
});
