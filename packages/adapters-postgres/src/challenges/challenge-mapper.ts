import type { BreachOverrideData, BreachRecordData, ChallengeState, ChallengeStatus, PhaseRecordData, RuleSnapshotData } from '@tradesense/domain';

export interface ChallengeRow {
  id: string;
  trader_id: string;
  order_id: string | null;
  status: ChallengeStatus;
  phase: number;
  phase_passed: boolean;
  trial: boolean;
  attempt: number;
  swap_free: boolean;
  account_login: string | null;
  model_id: string;
  model_version: number;
  initial_balance: string;
  rules: RuleSnapshotData;
  phase_started_at: Date | null;
  trading_days: string[];
  open_positions: string[];
  last_trade_at: Date | null;
  /**
   * The breach the challenge failed on, as its trading account reported it. The
   * `drawdown` column beside it is no longer read or written: the loss limits
   * are the trading account's (trading_accounts), and a later migration drops it.
   */
  breach: BreachRecordData | null;
  /** NUMERIC without a scale keeps the figure as the domain spelled it ("100000", "99999.93"). */
  last_balance: string | null;
  history: StoredPhaseRecord[];
  overrides: StoredOverride[];
  funded_account_id: string | null;
  created_at: Date;
  activated_at: Date | null;
  ended_at: Date | null;
  updated_at: Date;
  version: number;
}

/** JSON has no instants: the nested Dates are stored as ISO strings. */
type StoredPhaseRecord = Omit<PhaseRecordData, 'startedAt' | 'endedAt'> & { startedAt: string; endedAt: string };
type StoredOverride = Omit<BreachOverrideData, 'at'> & { at: string };

/** jsonb columns get JSON text: the driver would turn a JS array into a PostgreSQL array. */
const json = (value: unknown): string => JSON.stringify(value);

export const challengeMapper = {
  toRow: (s: ChallengeState) => ({
    trader_id: s.traderId,
    status: s.status,
    phase: s.phase,
    phase_passed: s.phasePassed,
    trial: s.trial,
    attempt: s.attempt,
    account_login: s.account,
    model_id: s.rules.modelId,
    model_version: s.rules.modelVersion,
    initial_balance: s.rules.initialBalance,
    rules: json(s.rules),
    phase_started_at: s.phaseStartedAt,
    trading_days: json(s.tradingDays),
    // The phase account holds the positions; the column stays for rows stored before and goes with the old risk columns.
    open_positions: json([]),
    last_trade_at: s.lastTradeAt,
    breach: s.breach ? json(s.breach) : null,
    last_balance: s.lastBalance ?? null,
    history: json(
      s.history.map((record): StoredPhaseRecord => ({
        ...record,
        startedAt: record.startedAt.toISOString(),
        endedAt: record.endedAt.toISOString(),
      })),
    ),
    overrides: json(s.overrides.map((override): StoredOverride => ({ ...override, at: override.at.toISOString() }))),
    funded_account_id: s.fundedAccountId,
    created_at: s.createdAt,
    activated_at: s.activatedAt,
    ended_at: s.endedAt,
    updated_at: s.updatedAt,
  }),

  toState: (r: ChallengeRow): ChallengeState => ({
    id: r.id,
    version: r.version,
    traderId: r.trader_id,
    rules: r.rules,
    trial: r.trial,
    status: r.status,
    phase: r.phase,
    phasePassed: r.phase_passed,
    account: r.account_login,
    phaseStartedAt: r.phase_started_at,
    tradingDays: r.trading_days,
    lastTradeAt: r.last_trade_at,
    breach: r.breach,
    lastBalance: r.last_balance,
    history: r.history.map((record) => ({
      ...record,
      startedAt: new Date(record.startedAt),
      endedAt: new Date(record.endedAt),
    })),
    overrides: r.overrides.map((override) => ({ ...override, at: new Date(override.at) })),
    attempt: r.attempt,
    fundedAccountId: r.funded_account_id,
    createdAt: r.created_at,
    activatedAt: r.activated_at,
    endedAt: r.ended_at,
    updatedAt: r.updated_at,
  }),
};
