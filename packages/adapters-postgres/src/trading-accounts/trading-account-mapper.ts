import type {
  BreachRecordData,
  DrawdownStateData,
  RestrictionBookData,
  RuleSnapshotData,
  TradingAccountOverrideData,
  TradingAccountOwner,
  TradingAccountOwnerKind,
  TradingAccountState,
  TradingAccountStatus,
} from '@tradesense/domain';
import { json } from '../funding/column-values.js';

export interface TradingAccountRow {
  login: string;
  trader_id: string;
  owner_kind: TradingAccountOwnerKind;
  owner_id: string;
  owner: TradingAccountOwner;
  status: TradingAccountStatus;
  model_id: string;
  model_version: number;
  currency: string;
  initial_balance: string;
  rules: RuleSnapshotData;
  drawdown: DrawdownStateData;
  last_balance_operation_at: Date | null;
  open_positions: string[];
  last_trade_at: Date | null;
  breached_at: Date | null;
  overrides: StoredOverride[];
  opened_at: Date;
  closed_at: Date | null;
  close_cause: string | null;
  updated_at: Date;
  /** Null until a restriction judged the account (docs/rules.md §14). */
  restriction_book: RestrictionBookData | null;
  version: number;
}

/** An override as JSON: its instants are ISO strings. */
interface StoredOverride {
  adminId: string;
  reason: string;
  at: string;
  previousStatus: TradingAccountStatus;
  breachedAt: string | null;
  original: BreachRecordData;
  balance: string;
  equity: string;
}

/**
 * Rows ↔ trading-account state. The owner is stored whole (jsonb) and as
 * kind and id columns, which the queries by owner use; the model and the
 * initial balance are copied out of the rules for the same reason.
 */
export const tradingAccountMapper = {
  toRow(state: TradingAccountState): Omit<TradingAccountRow, 'login' | 'version'> {
    return {
      trader_id: state.traderId,
      owner_kind: state.owner.kind,
      owner_id: state.owner.id,
      owner: json(state.owner) as unknown as TradingAccountOwner,
      status: state.status,
      model_id: state.rules.modelId,
      model_version: state.rules.modelVersion,
      currency: state.rules.parameters.currency,
      initial_balance: state.drawdown.initialBalance,
      rules: json(state.rules) as unknown as RuleSnapshotData,
      drawdown: json(state.drawdown) as unknown as DrawdownStateData,
      last_balance_operation_at: state.lastBalanceOperationAt,
      open_positions: json(state.openPositions) as unknown as string[],
      last_trade_at: state.lastTradeAt,
      breached_at: state.breachedAt,
      overrides: json(state.overrides.map(storedOverride)) as unknown as StoredOverride[],
      opened_at: state.openedAt,
      closed_at: state.closedAt,
      close_cause: state.closeCause,
      updated_at: state.updatedAt,
      restriction_book: state.restrictionBook ? (json(state.restrictionBook) as unknown as RestrictionBookData) : null,
    };
  },

  toState(row: TradingAccountRow): TradingAccountState {
    return {
      login: row.login,
      traderId: row.trader_id,
      owner: row.owner,
      status: row.status,
      rules: row.rules,
      drawdown: row.drawdown,
      lastBalanceOperationAt: row.last_balance_operation_at,
      openPositions: [...row.open_positions],
      lastTradeAt: row.last_trade_at,
      breachedAt: row.breached_at,
      overrides: row.overrides.map(loadedOverride),
      openedAt: row.opened_at,
      closedAt: row.closed_at,
      closeCause: row.close_cause,
      updatedAt: row.updated_at,
      // Absent, not empty, when nothing was judged: such an account's state is exactly what it was before restrictions.
      ...(row.restriction_book ? { restrictionBook: row.restriction_book } : {}),
      version: row.version,
    };
  },
};

const storedOverride = (override: TradingAccountOverrideData): StoredOverride => ({
  ...override,
  at: override.at.toISOString(),
  breachedAt: override.breachedAt?.toISOString() ?? null,
});

const loadedOverride = (override: StoredOverride): TradingAccountOverrideData => ({
  ...override,
  at: new Date(override.at),
  breachedAt: override.breachedAt === null ? null : new Date(override.breachedAt),
});
