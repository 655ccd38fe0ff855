import { Decimal } from 'decimal.js';
import {
  DrawdownRules,
  type DrawdownFloors,
  type DrawdownState,
  type LossLimitLevel,
  type RuleSnapshot,
  type TradingAccountOwner,
} from '@tradesense/domain';
import type { BookPosition } from './book-position.js';
import { decimalToFloat } from './decimal-to-float.js';
import type { LiveQuote } from './live-quote.js';
import { precheckBound } from './precheck-bound.js';

/** Slots of `WatchedAccount.prechecked`: the account's, then `POSITION_SLOTS` per position. */
const BALANCE = 0;
const ALARM_LEVEL = 1;
const EQUITY_HIGH = 2;
const NEXT_RESET = 3;
const ACCOUNT_SLOTS = 4;
const POSITION_SLOTS = 5;

/** What the pre-check concluded for one account on one tick. */
export const Screen = {
  /** Provably no breach, no new warning, no new equity high, same trading day. */
  SAFE: 0,
  /** Too close to call in floats: evaluate exactly. */
  EXACT: 1,
  /** A quote the valuation needs has not arrived yet. */
  UNPRICED: 2,
  /**
   * Provably no breach and no new warning in the same trading day, but the
   * equity may be a new high: only the high-water mark needs the exact
   * equity (floors that trail the equity high go to EXACT instead).
   */
  HIGH: 3,
} as const;
export type Screen = (typeof Screen)[keyof typeof Screen];

/**
 * One watched trading account: its frozen rules, the breach engine's state,
 * the balance and the open positions, and the levels derived from them (the
 * floors in Decimal, the highest alarm level and the equity high as floats
 * for the pre-check, the next reset instant).
 */
export class WatchedAccount {
  rules: DrawdownRules;
  tolerance: Decimal;
  state: DrawdownState;
  /**
   * True when ticks were screened out since the last exact evaluation: the
   * state's last balance/equity are older than the last observation.
   */
  stale = false;
  balance: Decimal;
  readonly positions: BookPosition[] = [];
  /** The newest platform deal the book reflects (deals up to it are skipped). */
  bookTicket: string | null;
  floors!: DrawdownFloors;
  /** The max-loss floor trails the equity high: a new high moves a floor. */
  floorsTrailEquity: boolean;
  /**
   * Everything the pre-check reads but the quotes, as one array of unboxed
   * doubles (V8 keeps the elements of a number-only array inline, where each
   * number field of an object is a separate heap number): the four account
   * slots (balance, alarm level, equity high, next reset instant), then per
   * position sign, open price, units, carry and conversion. With
   * `precheckQuotes` (per position its symbol's quote and its cross rate's,
   * or the symbol's again) a tick reads two arrays instead of the position
   * objects. The account slots are written through the accessors below; the
   * positions' part is rebuilt by `packPositions` after every book change.
   */
  private prechecked: number[] = [0, 0, 0, 0];
  private precheckQuotes: LiveQuote[] = [];
  private resetDay: string | null = null;
  /** Symbols this account is registered with, with how many positions need each. */
  readonly drivers = new Map<string, number>();

  constructor(
    readonly login: string,
    readonly owner: TradingAccountOwner,
    public snapshot: RuleSnapshot,
    state: DrawdownState,
    balance: Decimal,
    bookTicket: string | null,
    /**
     * Balance deals on this account are the firm's own operations (payout
     * withdrawals and reversals, scaling deposits): they move the floors with
     * the money instead of reading as trading results. Given by whoever
     * builds the watch, so the engine never asks what the account belongs to.
     */
    readonly firmBalanceOperations: boolean,
  ) {
    this.rules = DrawdownRules.of(snapshot);
    this.tolerance = snapshot.rules.tolerance;
    this.floorsTrailEquity = snapshot.rules.maxLossMode === 'trailing_equity';
    this.state = state;
    this.balance = balance;
    this.balanceF = decimalToFloat(balance);
    this.bookTicket = bookTicket;
    this.adopt(state);
  }

  /** Measures the account against other rules (its allocation changed) from now on. */
  useRules(snapshot: RuleSnapshot): void {
    this.snapshot = snapshot;
    this.rules = DrawdownRules.of(snapshot);
    this.tolerance = snapshot.rules.tolerance;
    this.floorsTrailEquity = snapshot.rules.maxLossMode === 'trailing_equity';
    this.adopt({ ...this.state, initialBalance: snapshot.initialBalance.amount });
  }

  get balanceF(): number {
    return this.prechecked[BALANCE]!;
  }
  set balanceF(value: number) {
    this.prechecked[BALANCE] = value;
  }
  /** The highest equity at which something would happen (a breach or a warning not yet raised today). */
  get alarmLevelF(): number {
    return this.prechecked[ALARM_LEVEL]!;
  }
  set alarmLevelF(value: number) {
    this.prechecked[ALARM_LEVEL] = value;
  }
  get highestEquityF(): number {
    return this.prechecked[EQUITY_HIGH]!;
  }
  set highestEquityF(value: number) {
    this.prechecked[EQUITY_HIGH] = value;
  }
  get nextResetMs(): number {
    return this.prechecked[NEXT_RESET]!;
  }
  set nextResetMs(value: number) {
    this.prechecked[NEXT_RESET] = value;
  }

  /** Takes the positions' float copies and quotes into the pre-check's arrays (after every change of the book). */
  packPositions(): void {
    const floats = this.prechecked.slice(0, ACCOUNT_SLOTS);
    const quotes: LiveQuote[] = [];
    for (const position of this.positions) {
      floats.push(position.sign, position.open, position.units, position.carry, position.conversion);
      quotes.push(position.quote, position.rate ?? position.quote);
    }
    this.prechecked = floats;
    this.precheckQuotes = quotes;
  }

  setBalance(balance: Decimal): void {
    this.balance = balance;
    this.balanceF = decimalToFloat(balance);
  }

  position(positionId: string): BookPosition | undefined {
    return this.positions.find((position) => position.positionId === positionId);
  }

  get priced(): boolean {
    for (const position of this.positions) if (!position.priced) return false;
    return true;
  }

  /**
   * Takes a new breach-engine state and derives the levels the pre-check
   * compares with. `floors`, when given, are the state's floors already
   * computed (a verdict's): floors depend only on the day-start figures and
   * the high-water marks, not on warnings or the last figures.
   */
  adopt(state: DrawdownState, floors?: DrawdownFloors): void {
    const dayChanged = state.tradingDay !== this.resetDay;
    this.state = state;
    this.floors = floors ?? this.rules.floors(state);
    const alarm = Decimal.max(this.alarmLevel(this.floors.dailyLoss), this.alarmLevel(this.floors.maxLoss));
    this.alarmLevelF = decimalToFloat(alarm);
    this.highestEquityF = decimalToFloat(state.highestEquity);
    if (dayChanged) {
      this.resetDay = state.tradingDay;
      this.nextResetMs = this.snapshot.calendar.endOf(state.tradingDay).getTime();
    }
  }

  /**
   * An observation the pre-check proved to be "ok, nothing new" apart from a
   * possible new equity high: the state the domain's evaluation would give
   * (last figures and high-water mark), without running it.
   */
  observeHigh(equity: Decimal): void {
    const state = this.state;
    const highest = equity.greaterThan(state.highestEquity) ? equity : state.highestEquity;
    this.adopt({ ...state, lastBalance: this.balance, lastEquity: equity, highestEquity: highest }, this.floors);
    this.stale = false;
  }

  /** Remembers the figures of the last (screened-out) observation, as if it had been evaluated. */
  catchUpLastFigures(equity: Decimal): void {
    this.state = { ...this.state, lastBalance: this.balance, lastEquity: equity };
    this.stale = false;
  }

  /**
   * Whether equity is at or below a limit's warning level (the early-warning
   * band), exactly. False while a quote the valuation needs is missing.
   */
  withinWarningBand(): boolean {
    if (!this.priced) return false;
    const equity = this.exactEquity();
    return equity.lessThanOrEqualTo(this.floors.dailyLoss.warningLevel) || equity.lessThanOrEqualTo(this.floors.maxLoss.warningLevel);
  }

  /** balance + Σ (floating P/L + swap + commission), exact; `previousOf` is valued at its quote before the latest tick. */
  exactEquity(previousOf: LiveQuote | null = null): Decimal {
    let equity = this.balance;
    for (const position of this.positions) equity = equity.plus(position.exactValue(previousOf));
    return equity;
  }

  /**
   * The float pre-check for an observation at `atMs`. SAFE only when the
   * float equity clears the alarm level and stays below the equity high by
   * more than the proven error bound (see `precheckBound`), and the
   * observation is in the state's trading day: then the exact verdict is
   * "ok, nothing new" and the state would change only in its last figures.
   * HIGH when only the equity high may move (see `Screen.HIGH`).
   */
  screen(atMs: number): Screen {
    // The engine repacks after every book change; a position added or removed without it is caught here.
    if (this.precheckQuotes.length !== 2 * this.positions.length) this.packPositions();
    const floats = this.prechecked;
    const quotes = this.precheckQuotes;
    const count = quotes.length >> 1;
    let equity = floats[BALANCE]!;
    const alarmLevel = floats[ALARM_LEVEL]!;
    const highestEquity = floats[EQUITY_HIGH]!;
    let scale = Math.abs(equity) + Math.abs(alarmLevel) + Math.abs(highestEquity);
    for (let i = 0, at = ACCOUNT_SLOTS; i < count; i += 1, at += POSITION_SLOTS) {
      const quote = quotes[2 * i]!;
      if (quote.tick === null) return Screen.UNPRICED;
      const sign = floats[at]!;
      const open = floats[at + 1]!;
      const units = floats[at + 2]!;
      const carry = floats[at + 3]!;
      const conversion = floats[at + 4]!;
      const close = sign > 0 ? quote.bidF : quote.askF;
      const raw = sign * (close - open) * units;
      const size = (Math.abs(close) + Math.abs(open)) * units;
      if (conversion === 0) {
        equity += raw;
        scale += size;
      } else {
        const rate = quotes[2 * i + 1]!;
        if (rate.tick === null) return Screen.UNPRICED;
        if (conversion === 1) {
          equity += raw * (raw < 0 ? rate.askF : rate.bidF);
          scale += size * Math.max(rate.bidF, rate.askF);
        } else {
          equity += raw / (raw < 0 ? rate.bidF : rate.askF);
          scale += size / Math.min(rate.bidF, rate.askF);
        }
      }
      equity += carry;
      scale += Math.abs(carry);
    }
    if (atMs >= floats[NEXT_RESET]!) return Screen.EXACT;
    const bound = precheckBound(count, scale);
    // Written so that a NaN anywhere (a bad rate) fails the tests and goes to the exact path.
    if (!(equity - bound > alarmLevel)) return Screen.EXACT;
    if (equity + bound < highestEquity) return Screen.SAFE;
    return this.floorsTrailEquity ? Screen.EXACT : Screen.HIGH;
  }

  private alarmLevel(level: LossLimitLevel): Decimal {
    return this.state.warningsSent.includes(level.limit) ? level.floor.minus(this.tolerance) : level.warningLevel;
  }
}
