import { Decimal } from 'decimal.js';
import type { Deal } from '../ports/trading-platform.js';
import type { BookPosition, BookPositionInput } from './book-position.js';
import type { WatchedAccount } from './watched-account.js';

const ZERO = new Decimal(0);

/**
 * Applies one platform deal to an account's book the way MetaTrader books
 * it: every deal moves the balance by its profit, swap and commission (a
 * balance operation carries its amount in `profit`); a trade deal opens,
 * adds to, reduces, closes or reverses its position.
 */
export function bookDeal(
  account: WatchedAccount,
  deal: Deal,
  open: (input: BookPositionInput) => BookPosition,
): void {
  account.setBalance(account.balance.plus(deal.profit).plus(deal.swap).plus(deal.commission));
  if ((deal.kind !== 'buy' && deal.kind !== 'sell') || !deal.positionId || !deal.symbol || !deal.entry) return;
  const existing = account.position(deal.positionId);
  const fresh = (volume: Decimal): BookPosition =>
    open({
      positionId: deal.positionId!,
      symbol: deal.symbol!,
      side: deal.kind as 'buy' | 'sell',
      volume,
      openPrice: deal.price,
      swap: ZERO,
    });

  switch (deal.entry) {
    case 'in': {
      if (!existing) {
        account.positions.push(fresh(deal.volume));
        return;
      }
      // Netting accounts add to the position at the volume-weighted price.
      const volume = existing.volume.plus(deal.volume);
      existing.openPrice = existing.openPrice.times(existing.volume).plus(deal.price.times(deal.volume)).dividedBy(volume);
      existing.volume = volume;
      existing.refresh();
      return;
    }
    case 'out':
    case 'out_by': {
      if (!existing) return;
      const remaining = existing.volume.minus(deal.volume);
      if (remaining.lessThanOrEqualTo(0)) {
        remove(account, existing);
        return;
      }
      // The swap booked with a partial close leaves the position.
      existing.volume = remaining;
      existing.swap = existing.swap.minus(deal.swap);
      existing.refresh();
      return;
    }
    case 'inout': {
      // A reversal closes the position and opens the rest the other way at the deal price.
      const remaining = existing ? deal.volume.minus(existing.volume) : deal.volume;
      if (existing) remove(account, existing);
      if (remaining.greaterThan(0)) account.positions.push(fresh(remaining));
      return;
    }
  }
}

function remove(account: WatchedAccount, position: BookPosition): void {
  const index = account.positions.indexOf(position);
  if (index >= 0) account.positions.splice(index, 1);
}
