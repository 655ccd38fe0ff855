import { Decimal } from 'decimal.js';
import { Money, unwrap, type FundedAccount, type TradingCalendar } from '@tradesense/domain';
import type { Deal } from '../../ports/trading-platform.js';
import type { TrackedPosition } from '../ports/funding-repositories.js';

const ZERO = new Decimal(0);

/**
 * Feeds one platform deal of a funded account into the aggregate. Trades
 * only: balance movements on a funded account are the firm's own operations
 * (payout withdrawals, reversals, scaling deposits), already booked by the
 * use case that made them. A position's net result is its realised profit
 * plus the swap and commission of every deal it took, the opening ones
 * included (commission is charged on entry), so the funded balance follows
 * the platform's. A partial close books its part and keeps the rest open.
 */
export function feedFundedDeal(
  account: FundedAccount,
  positions: Map<string, TrackedPosition>,
  deal: Deal,
  calendar: TradingCalendar,
): void {
  if ((deal.kind !== 'buy' && deal.kind !== 'sell') || deal.positionId === null || deal.entry === null) return;
  const positionId = deal.positionId;
  const tracked = positions.get(positionId) ?? { volume: ZERO, carried: ZERO };
  const booked = deal.profit.plus(deal.swap).plus(deal.commission);
  if (deal.entry === 'in') {
    positions.set(positionId, { volume: tracked.volume.plus(deal.volume), carried: tracked.carried.plus(booked) });
    // A breached account takes no new positions; the platform refuses them anyway.
    account.recordPositionOpened({ positionId, at: deal.time });
    return;
  }
  const netProfit = Money.of(booked.plus(tracked.carried), account.currency);
  unwrap(account.recordPositionClosed({ positionId, netProfit, at: deal.time }, calendar));
  const remaining = deal.entry === 'inout' ? deal.volume.minus(tracked.volume) : tracked.volume.minus(deal.volume);
  if (remaining.greaterThan(0)) {
    positions.set(positionId, { volume: remaining, carried: ZERO });
    account.recordPositionOpened({ positionId, at: deal.time });
  } else {
    positions.delete(positionId);
  }
}
