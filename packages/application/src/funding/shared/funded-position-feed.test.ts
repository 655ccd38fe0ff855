import { Decimal } from 'decimal.js';
import {
  FundedAccount,
  Money,
  Percent,
  ProhibitedCountries,
  TradingCalendar,
  unwrap,
} from '@tradesense/domain';
import { describe, expect, it } from 'vitest';
import type { Deal } from '../../ports/trading-platform.js';
import type { TrackedPosition } from '../ports/funding-repositories.js';
import { feedFundedDeal } from './funded-position-feed.js';

const calendar = new TradingCalendar();
const at = new Date('2026-03-02T15:00:00Z');

function account(): FundedAccount {
  return unwrap(
    FundedAccount.open({
      id: 'fa-1',
      traderId: 't-1',
      challengeId: 'ch-1',
      modelId: 'stellar_2step',
      tradingAccountId: '5000001',
      initialBalance: Money.of(100_000),
      terms: { split: Percent.of(80), firstPayoutDays: 0, cycleDays: 0, feeRefundOnPayoutNumber: null },
      challengeFee: Money.of(449),
      kyc: { id: 'k', traderId: 't-1', status: 'approved', country: 'DE' },
      agreement: { id: 's', traderId: 't-1', agreementId: 'funded_trader', agreementVersion: '2026-01' },
      traderCountry: 'DE',
      prohibitedCountries: ProhibitedCountries.default(),
      at,
    }),
  );
}

let ticket = 100;
function deal(input: Partial<Deal> & Pick<Deal, 'kind' | 'entry'>): Deal {
  ticket += 1;
  return {
    dealId: String(ticket),
    login: '5000001',
    time: at,
    reason: 'client',
    symbol: 'EURUSD',
    positionId: '7',
    volume: new Decimal(1),
    price: new Decimal('1.1'),
    profit: new Decimal(0),
    swap: new Decimal(0),
    commission: new Decimal(0),
    comment: '',
    ...input,
  };
}

describe('feedFundedDeal', () => {
  it('carries the opening commission into the closed result, so the funded balance follows the platform', () => {
    const funded = account();
    const positions = new Map<string, TrackedPosition>();
    feedFundedDeal(funded, positions, deal({ kind: 'buy', entry: 'in', commission: new Decimal('-3') }), calendar);
    expect(funded.openPositionCount).toBe(1);
    expect(funded.balance.toFixed()).toBe('100000.00');
    feedFundedDeal(
      funded,
      positions,
      deal({ kind: 'sell', entry: 'out', profit: new Decimal('250'), commission: new Decimal('-3'), swap: new Decimal('-1.5') }),
      calendar,
    );
    expect(funded.openPositionCount).toBe(0);
    expect(funded.balance.toFixed()).toBe('100242.50');
    expect(funded.monthlyProfits().map((m) => m.profit.toFixed())).toEqual(['242.50']);
    expect(positions.size).toBe(0);
  });

  it('books a partial close and keeps the rest of the position open', () => {
    const funded = account();
    const positions = new Map<string, TrackedPosition>();
    feedFundedDeal(funded, positions, deal({ kind: 'buy', entry: 'in', volume: new Decimal(2), commission: new Decimal('-6') }), calendar);
    feedFundedDeal(funded, positions, deal({ kind: 'sell', entry: 'out', volume: new Decimal('0.5'), profit: new Decimal('100') }), calendar);
    expect(funded.openPositionCount).toBe(1);
    expect(funded.balance.toFixed()).toBe('100094.00');
    expect(positions.get('7')!.volume.toFixed()).toBe('1.5');
    feedFundedDeal(funded, positions, deal({ kind: 'sell', entry: 'out', volume: new Decimal('1.5'), profit: new Decimal('-50') }), calendar);
    expect(funded.openPositionCount).toBe(0);
    expect(funded.balance.toFixed()).toBe('100044.00');
  });

  it('treats a reversal as a close and a new open position, and ignores balance movements', () => {
    const funded = account();
    const positions = new Map<string, TrackedPosition>();
    feedFundedDeal(funded, positions, deal({ kind: 'buy', entry: 'in', volume: new Decimal(1) }), calendar);
    feedFundedDeal(funded, positions, deal({ kind: 'sell', entry: 'inout', volume: new Decimal(3), profit: new Decimal('20') }), calendar);
    expect(funded.openPositionCount).toBe(1);
    expect(positions.get('7')!.volume.toFixed()).toBe('2');
    feedFundedDeal(funded, positions, deal({ kind: 'balance', entry: null, positionId: null, symbol: null, profit: new Decimal('-20') }), calendar);
    expect(funded.balance.toFixed()).toBe('100020.00');
  });
});
