import { Decimal } from 'decimal.js';
import type { RecordedDeal } from '@tradesense/application';
import type { TradingAccountOwner } from '@tradesense/domain';

/**
 * A deal as the feed takes it in for `owner`'s login: one lot and a half of
 * EURUSD bought on position p1 at 15:00 UTC on Monday 2 November 2026,
 * commission paid, the balance at 99,995.50 after it. Every field can be
 * overridden.
 */
export function aRecordedDeal(login: string, dealId: string, owner: TradingAccountOwner, fields: Partial<RecordedDeal> = {}): RecordedDeal {
  return {
    dealId,
    login,
    owner,
    time: new Date('2026-11-02T15:00:00Z'),
    kind: 'buy',
    entry: 'in',
    reason: 'client',
    symbol: 'EURUSD',
    positionId: 'p1',
    volume: new Decimal('1.5'),
    price: new Decimal('1.08512'),
    profit: new Decimal(0),
    swap: new Decimal(0),
    commission: new Decimal('-4.50'),
    comment: '',
    balanceAfter: new Decimal('99995.50'),
    ...fields,
  };
}
