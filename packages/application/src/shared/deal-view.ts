import type { DealEntry, DealKind, DealReason } from '../ports/trading-platform.js';
import type { RecordedDeal } from '../trading-accounts/ports/account-feed-repositories.js';

/** A deal taken in for a watched login, as its trader sees it in a history. */
export interface DealView {
  readonly dealId: string;
  readonly login: string;
  readonly phase: number;
  readonly attempt: number;
  readonly time: string;
  readonly kind: DealKind;
  readonly entry: DealEntry | null;
  readonly reason: DealReason;
  readonly symbol: string | null;
  readonly positionId: string | null;
  readonly volume: string;
  readonly price: string;
  readonly profit: string;
  readonly swap: string;
  readonly commission: string;
  readonly comment: string;
  readonly balanceAfter: string;
}

export function dealView(deal: RecordedDeal): DealView {
  return {
    dealId: deal.dealId,
    login: deal.login,
    // A challenge's deals are taken in under its phase and attempt (docs/rules.md §3).
    phase: deal.owner.kind === 'challenge_phase' ? deal.owner.phase : 0,
    attempt: deal.owner.kind === 'challenge_phase' ? deal.owner.attempt : 0,
    time: deal.time.toISOString(),
    kind: deal.kind,
    entry: deal.entry,
    reason: deal.reason,
    symbol: deal.symbol,
    positionId: deal.positionId,
    volume: deal.volume.toFixed(),
    price: deal.price.toFixed(),
    profit: deal.profit.toFixed(2),
    swap: deal.swap.toFixed(2),
    commission: deal.commission.toFixed(2),
    comment: deal.comment,
    balanceAfter: deal.balanceAfter.toFixed(2),
  };
}
