import { Decimal } from 'decimal.js';
import type { TradingAccountOwner, TradingAccountOwnerKind } from '@tradesense/domain';
import type { DealEntry, DealKind, DealReason, RecordedDeal } from '@tradesense/application';

export interface AccountDealRow {
  seq: string;
  login: string;
  deal_id: string;
  owner_kind: TradingAccountOwnerKind;
  owner_id: string;
  /** Set for a challenge phase's deals only: the challenge, its phase and attempt (and the key that deletes them with it). */
  challenge_id: string | null;
  phase: number | null;
  attempt: number | null;
  /** Set for a competition entry's deals only. */
  competition_id: string | null;
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

/** The owner spread over plain columns, which the queries by owner and the challenge's foreign key use. */
function ownerColumns(owner: TradingAccountOwner) {
  switch (owner.kind) {
    case 'challenge_phase':
      return { owner_kind: owner.kind, owner_id: owner.id, challenge_id: owner.id, phase: owner.phase, attempt: owner.attempt, competition_id: null };
    case 'funded_account':
      return { owner_kind: owner.kind, owner_id: owner.id, challenge_id: null, phase: null, attempt: null, competition_id: null };
    case 'competition_entry':
      return { owner_kind: owner.kind, owner_id: owner.id, challenge_id: null, phase: null, attempt: null, competition_id: owner.competitionId };
  }
}

/** The owner again from its columns; the table's owner check guarantees the columns each kind needs. */
function ownerOf(row: AccountDealRow): TradingAccountOwner {
  switch (row.owner_kind) {
    case 'challenge_phase':
      return { kind: 'challenge_phase', id: row.owner_id, phase: row.phase!, attempt: row.attempt! };
    case 'funded_account':
      return { kind: 'funded_account', id: row.owner_id };
    case 'competition_entry':
      return { kind: 'competition_entry', id: row.owner_id, competitionId: row.competition_id! };
  }
}

export const accountDealMapper = {
  toRow: (d: RecordedDeal) => ({
    login: d.login,
    deal_id: d.dealId,
    ...ownerColumns(d.owner),
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
  toDeal: (r: AccountDealRow): RecordedDeal => ({
    dealId: r.deal_id,
    login: r.login,
    owner: ownerOf(r),
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
