import { Decimal } from 'decimal.js';
import type { DealEntry, DealKind, DealReason, RecordedDeal } from '@tradesense/application';

export interface PlatformDealRow {
  seq: string;
  login: string;
  deal_id: string;
  challenge_id: string;
  phase: number;
  attempt: number;
  time: Date;
  kind: DealKind;
  entry: DealEntry | null;
  reason: DealReason;
  symbol: string | null;
  position_id: string | null;
  volume: string;
  price: string;
  profit: string;
  swap: string;
  commission: string;
  comment: string;
  balance_after: string;
}

export const platformDealMapper = {
  toRow: (d: RecordedDeal) => ({
    login: d.login,
    deal_id: d.dealId,
    challenge_id: d.challengeId,
    phase: d.phase,
    attempt: d.attempt,
    time: d.time,
    kind: d.kind,
    entry: d.entry,
    reason: d.reason,
    symbol: d.symbol,
    position_id: d.positionId,
    volume: d.volume.toFixed(),
    price: d.price.toFixed(),
    profit: d.profit.toFixed(),
    swap: d.swap.toFixed(),
    commission: d.commission.toFixed(),
    comment: d.comment,
    balance_after: d.balanceAfter.toFixed(),
  }),
  toDeal: (r: PlatformDealRow): RecordedDeal => ({
    dealId: r.deal_id,
    login: r.login,
    challengeId: r.challenge_id,
    phase: r.phase,
    attempt: r.attempt,
    time: r.time,
    kind: r.kind,
    entry: r.entry,
    reason: r.reason,
    symbol: r.symbol,
    positionId: r.position_id,
    volume: new Decimal(r.volume),
    price: new Decimal(r.price),
    profit: new Decimal(r.profit),
    swap: new Decimal(r.swap),
    commission: new Decimal(r.commission),
    comment: r.comment,
    balanceAfter: new Decimal(r.balance_after),
  }),
};
