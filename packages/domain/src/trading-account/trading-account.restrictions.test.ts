import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { replayStoredVerdict } from '../drawdown/stored-verdict-replay.js';
import { Decimal } from '../money/decimal.js';
import { replayStoredViolation } from '../restrictions/restriction-replay.js';
import { unwrap } from '../shared/result.js';
import { aDealFact } from '../testing/deal-fact-mother.js';
import { dealStreamArbitrary } from '../testing/deal-stream-arbitrary.js';
import { QA_INSTANT, stellarTwoStepRules } from '../testing/qa-defaults.js';
import { aTradingAccount } from '../testing/trading-account-mother.js';
import { checkWeekendCutOff, clearViolation, recordDeal } from '../testing/trading-account-command.js';
import { givenTradingAccount } from '../testing/trading-account-scenario.js';
import { TradingAccountErrorCode } from './trading-account-errors.js';
import { TradingAccount } from './trading-account.js';

const d = (value: string) => new Decimal(value);
const at = (iso: string) => new Date(iso);

function rulesWith(restrictions: Record<string, unknown>): RuleSnapshot {
  const data = stellarTwoStepRules().toJSON();
  return unwrap(
    RuleSnapshot.fromJSON({ ...data, parameters: { ...data.parameters, restrictions: { ...data.parameters.restrictions, ...restrictions } } }),
  );
}

const opening = (n: number, overrides = {}) => aDealFact({ dealId: `d-${n}`, positionId: `p-${n}`, at: new Date(QA_INSTANT.getTime() + n * 60_000), ...overrides });

describe('TradingAccount: trading restrictions (§14)', () => {
  it('max open lots: 3.00 + 2.00 forex allowed, a further 0.01 is closed', () => {
    const rules = rulesWith({ maxOpenLotsPerAssetClass: { forex: '5.00' } });
    givenTradingAccount({ rules }, recordDeal(opening(1, { volume: d('3.00') })), recordDeal(opening(2, { symbol: 'GBPUSD', volume: d('2.00') })))
      .when(recordDeal(opening(3, { volume: d('0.01') })))
      .then([
        { type: 'TradingAccountDealRecorded', payload: { positionId: 'p-3' } },
        {
          type: 'TradingAccountRestrictionViolated',
          payload: { violation: { id: 'max_open_lots_per_asset_class:d-3', action: 'close', limit: '5', observed: '5.01', dealId: 'd-3' } },
        },
        { type: 'TradingAccountPositionCloseRequired', payload: { violationId: 'max_open_lots_per_asset_class:d-3', positionIds: ['p-3'] } },
      ]);
  });

  it('max trades per day, N = 10: the 11th opening is flagged, closes do not count, the count restarts at the reset', () => {
    const rules = rulesWith({ maxTradesPerDay: 10 });
    const ten = Array.from({ length: 10 }, (_, index) => recordDeal(opening(index + 1)));
    const closes = [recordDeal(opening(1, { dealId: 'c-1', action: 'close', netProfit: d('10') }))];
    const outcome = givenTradingAccount({ rules }, ...ten, ...closes)
      .when(recordDeal(opening(11)))
      .then([
        { type: 'TradingAccountDealRecorded' },
        { type: 'TradingAccountRestrictionViolated', payload: { violation: { id: 'max_trades_per_day:d-11', action: 'flag', observed: '11' }, tradingDay: '2026-01-05' } },
      ]);
    expect(outcome.account.isTrading).toBe(true);
    // The next trading day starts at 22:00Z (17:00 New York).
    givenTradingAccount(outcome.account).when(recordDeal(opening(12, { at: at('2026-01-05T22:00:00Z') }))).then([{ type: 'TradingDayRolled' }, { type: 'TradingAccountDealRecorded' }]);
  });

  it('a competition entry is disqualified on its 51st opening: a restriction breach with a verdict that replays', () => {
    const competition = unwrap(
      RuleSnapshot.fromJSON({
        ...stellarTwoStepRules().toJSON(),
        modelId: 'competition:c-1',
        parameters: { ...stellarTwoStepRules().toJSON().parameters, restrictions: { ...stellarTwoStepRules().toJSON().parameters.restrictions, maxTradesPerDay: 50 } },
      }),
    );
    const fifty = Array.from({ length: 50 }, (_, index) => recordDeal(opening(index + 1, { at: new Date(QA_INSTANT.getTime() + index * 1000) })));
    const outcome = givenTradingAccount({ rules: competition, owner: { kind: 'competition_entry', id: 'e-1', competitionId: 'c-1' } }, ...fifty)
      .when(recordDeal(opening(51, { at: new Date(QA_INSTANT.getTime() + 51_000) })))
      .then([
        { type: 'TradingAccountDealRecorded' },
        { type: 'TradingAccountRestrictionViolated', payload: { violation: { action: 'breach', observed: '51' } } },
        { type: 'TradingAccountBreachDetected', payload: { breach: { rule: 'max_trades_per_day', floor: '50', violationId: 'max_trades_per_day:d-51' } } },
      ]);
    expect(outcome.account.isTrading).toBe(false);
    const detected = outcome.events.find((event) => event.type === 'TradingAccountBreachDetected');
    if (detected?.type !== 'TradingAccountBreachDetected') throw new Error('no breach');
    const stored = JSON.parse(JSON.stringify({ breach: detected.payload.breach, inputs: detected.payload.inputs, inputHash: detected.payload.breach.inputHash }));
    expect(unwrap(replayStoredVerdict(stored))).toMatchObject({ matches: true, replayedHash: detected.payload.breach.inputHash });
    // The breach lifecycle as for a loss limit: handled once, with the restriction as its cause.
    givenTradingAccount(outcome.account).when({ type: 'markBreached', breach: null, at: at('2026-01-05T16:00:00Z') }).then([
      { type: 'TradingAccountBreached', payload: { cause: 'breach:max_trades_per_day' } },
    ]);
  });

  it('weekend ban: positions open at Friday 17:00 New York violate at the cut-off, once, and are to be closed', () => {
    const rules = rulesWith({ weekendHoldingBan: true });
    const friday = { at: at('2026-03-06T15:00:00Z') };
    const given = [recordDeal(aDealFact({ ...friday, dealId: 'd-1', positionId: 'p-1' })), recordDeal(aDealFact({ ...friday, dealId: 'd-2', positionId: 'p-2' }))];
    const account = aTradingAccount({ rules, at: at('2026-03-06T14:00:00Z') });
    const outcome = givenTradingAccount(account, ...given, recordDeal(aDealFact({ dealId: 'c-2', positionId: 'p-2', action: 'close', at: at('2026-03-06T21:59:59Z') })))
      .when(checkWeekendCutOff(at('2026-03-06T22:00:00Z')))
      .then([
        { type: 'TradingAccountRestrictionViolated', occurredAt: '2026-03-06T22:00:00.000Z', payload: { violation: { id: 'weekend_holding_ban:2026-03-06T22:00:00.000Z', positionIds: ['p-1'] } } },
        { type: 'TradingAccountPositionCloseRequired', payload: { positionIds: ['p-1'] } },
      ]);
    givenTradingAccount(outcome.account).when(checkWeekendCutOff(at('2026-03-06T22:05:00Z'))).thenNothingHappened();
    givenTradingAccount(account, ...given.slice(0, 0)).when(checkWeekendCutOff(at('2026-03-06T22:00:00Z'))).thenNothingHappened();
  });

  it('news window: a position opened inside the window has its net result excluded; clearing counts it again', () => {
    const rules = rulesWith({ newsWindowMinutes: 2 });
    const news = { newsEvents: [{ id: 'nfp', at: at('2026-01-05T15:30:00Z'), currency: 'USD', impact: 'high' }] };
    const opened = recordDeal(aDealFact({ at: at('2026-01-05T15:28:00Z') }), news);
    const outcome = givenTradingAccount({ rules }, opened)
      .when(recordDeal(aDealFact({ dealId: 'c-1', action: 'close', at: at('2026-01-05T16:00:00Z'), netProfit: d('250.00') }), news))
      .then([
        { type: 'TradingAccountDealRecorded' },
        { type: 'TradingAccountProfitExcluded', payload: { violationId: 'news_window:p-1', amount: '250', excludedTotal: '250' } },
      ]);
    expect(outcome.account.excludedProfit.toFixed()).toBe('250');
    const cleared = givenTradingAccount(outcome.account)
      .when(clearViolation({ violationId: 'news_window:p-1', adminId: 'admin-1', reason: 'release was postponed', at: at('2026-01-06T10:00:00Z') }))
      .then([{ type: 'TradingAccountRestrictionViolationCleared', payload: { excludedTotal: '0', original: { id: 'news_window:p-1' } } }]);
    expect(cleared.account.violations[0]?.cleared).toMatchObject({ adminId: 'admin-1' });
    expect(cleared.account.excludedProfitEntries).toHaveLength(1);
    givenTradingAccount(cleared.account)
      .when(clearViolation({ violationId: 'news_window:p-1', adminId: 'admin-1', reason: 'again', at: at('2026-01-06T10:00:00Z') }))
      .thenError(TradingAccountErrorCode.VIOLATION_ALREADY_CLEARED);
    givenTradingAccount(cleared.account)
      .when(clearViolation({ violationId: 'nope', adminId: 'admin-1', reason: 'x', at: at('2026-01-06T10:00:00Z') }))
      .thenError(TradingAccountErrorCode.VIOLATION_NOT_FOUND);
    // Holding across the event: neither end inside the window.
    givenTradingAccount({ rules }, recordDeal(aDealFact({ at: at('2026-01-05T15:20:00Z') }), news))
      .when(recordDeal(aDealFact({ dealId: 'c-1', action: 'close', at: at('2026-01-05T15:40:00Z'), netProfit: d('90') }), news))
      .then([{ type: 'TradingAccountDealRecorded' }]);
  });

  it('consistency at a payout request: 40%, best day 3,000 of 6,000 is refused with 1,500 more needed', () => {
    const rules = rulesWith({ consistencyPercent: '40' });
    const close = (n: number, iso: string, profit: string) => recordDeal(aDealFact({ dealId: `c-${n}`, positionId: `p-${n}`, action: 'close', at: at(iso), netProfit: d(profit) }));
    const account = aTradingAccount({ rules });
    for (const command of [close(1, '2026-01-05T16:00:00Z', '3000'), close(2, '2026-01-06T16:00:00Z', '1500'), close(3, '2026-01-07T16:00:00Z', '1500')]) {
      if (command.type === 'recordDeal') unwrap(account.recordDeal(command.deal));
    }
    expect(account.consistencyAtPayoutRequest({ from: '2026-01-05', to: '2026-01-07' })).toMatchObject({
      allowed: false, bestDay: '2026-01-05', totalProfit: '6000.00', totalNeeded: '7500.00', stillNeeded: '1500.00',
    });
    expect(account.consistencyAtPayoutRequest({ from: '2026-01-06', to: '2026-01-07' })).toMatchObject({ allowed: false, totalProfit: '3000.00' });
    expect(aTradingAccount().consistencyAtPayoutRequest({ from: '2026-01-05', to: '2026-01-07' })).toBeNull();
    const restored = TradingAccount.restore(JSON.parse(JSON.stringify(account.toState()), (key, value) => (['openedAt', 'updatedAt'].includes(key) ? new Date(value) : value)));
    expect(restored.consistencyAtPayoutRequest({ from: '2026-01-05', to: '2026-01-07' })?.inputHash).toBe(
      account.consistencyAtPayoutRequest({ from: '2026-01-05', to: '2026-01-07' })?.inputHash,
    );
  });

  it('stores nothing new for an account without restrictions', () => {
    const account = aTradingAccount();
    unwrap(account.recordDeal(aDealFact()));
    expect(account.toState()).not.toHaveProperty('restrictionBook');
  });
});

describe('TradingAccount restrictions: properties', () => {
  const runs = { numRuns: 25 };

  it('every violation replays from its stored inputs to the same violation and hash', () => {
    const rules = rulesWith({ maxTradesPerDay: 2, maxOpenLotsPerAssetClass: { forex: '1.50' }, maxTradeLotsPerAssetClass: { forex: '1.00' } });
    fc.assert(
      fc.property(dealStreamArbitrary({ rules, from: QA_INSTANT, maxLength: 15, maxGapMinutes: 600 }), fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 15, maxLength: 15 }), (deals, volumes) => {
        const account = aTradingAccount({ rules });
        deals.forEach((deal, index) => {
          if (!account.isTrading) return;
          unwrap(account.recordDeal({ ...deal, assetClass: 'forex', volume: new Decimal(volumes[index]!).dividedBy(100) }));
        });
        const stored = JSON.parse(JSON.stringify(account.violations)) as typeof account.violations;
        for (const record of stored) {
          expect(unwrap(replayStoredViolation(record))).toMatchObject({ matches: true, replayedHash: record.inputHash });
        }
      }),
      runs,
    );
  });

  it('with no restriction on, deal facts change no event: the loss-limit behaviour is unchanged', () => {
    const rules = stellarTwoStepRules();
    fc.assert(
      fc.property(dealStreamArbitrary({ rules, from: QA_INSTANT, maxLength: 15 }), (deals) => {
        const plain = aTradingAccount({ rules });
        const withFacts = aTradingAccount({ rules });
        for (const deal of deals) {
          const a = plain.recordDeal(deal);
          const b = withFacts.recordDeal({ ...deal, assetClass: 'forex', volume: d('100'), netProfit: d('1'), baseCurrency: 'EUR', quoteCurrency: 'USD' }, {
            newsEvents: [{ id: 'e', at: deal.at, currency: 'USD', impact: 'high' }],
          });
          expect(JSON.stringify(b)).toBe(JSON.stringify(a));
          unwrap(withFacts.checkWeekendCutOff(deal.at));
        }
        expect(JSON.stringify(withFacts.pullEvents())).toBe(JSON.stringify(plain.pullEvents()));
        expect(withFacts.toState()).toEqual(plain.toState());
      }),
      runs,
    );
  });
});
