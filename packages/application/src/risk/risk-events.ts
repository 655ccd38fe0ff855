import type { Decimal } from 'decimal.js';
import type {
  DrawdownVerdict,
  EarlyWarning,
  EquityObservation,
  LocalDate,
  TradingAccountOwner,
  VerdictInputs,
} from '@tradesense/domain';

interface AccountRef {
  /** The watched trading account's platform login: the engine's key for it. */
  readonly login: string;
  /** What the account belongs to, for whoever acts on the finding (the engine never branches on it). */
  readonly owner: TradingAccountOwner;
}

/** The first evaluated moment where equity reached a floor; the account is no longer watched. */
export interface BreachDetected extends AccountRef {
  /** The domain's verdict, with `breach` set. */
  readonly verdict: DrawdownVerdict;
  readonly observation: EquityObservation;
  /** Everything `evaluate` read, to store and replay the verdict (its hash is the breach's `inputHash`). */
  readonly inputs: VerdictInputs;
}

/** Limits whose used part reached the warning level for the first time this trading day. */
export interface EarlyWarningsRaised extends AccountRef {
  readonly warnings: readonly EarlyWarning[];
  readonly observation: EquityObservation;
}

/** An account crossed a reset instant: the figures at the close are the new day's start. */
export interface TradingDayClosed extends AccountRef {
  /** The trading day that ended. */
  readonly closedDay: LocalDate;
  /** The trading day that began. */
  readonly day: LocalDate;
  /** The reset instant between them. */
  readonly at: Date;
  readonly balance: Decimal;
  readonly equity: Decimal;
  /** Open positions at the close (their swaps may be charged at this reset). */
  readonly openPositions: number;
}

/** One exact evaluation (for metrics and tests; screened-out ticks are not reported). */
export interface ExactEvaluation extends AccountRef {
  readonly verdict: DrawdownVerdict;
  readonly observation: EquityObservation;
}

/**
 * What the risk engine reports. Called synchronously from inside `onTick`,
 * `onDeal` and the other inputs: a listener must not feed the engine again
 * from the callback; it queues its (asynchronous) work instead.
 */
export interface RiskListener {
  breach(event: BreachDetected): void;
  warning(event: EarlyWarningsRaised): void;
  dayClosed?(event: TradingDayClosed): void;
  evaluated?(event: ExactEvaluation): void;
  /** The first watched account came to depend on a symbol: its ticks are needed from now on. */
  symbolNeeded?(symbol: string): void;
  /** No watched account depends on the symbol any more. */
  symbolReleased?(symbol: string): void;
}
