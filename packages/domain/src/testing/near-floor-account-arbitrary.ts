import fc from 'fast-check';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import type { EquityObservation } from '../drawdown/equity-observation.js';
import type { LossLimitName } from '../drawdown/loss-limit.js';
import { Decimal } from '../money/decimal.js';
import { unwrap } from '../shared/result.js';
import type { TradingAccountOwner } from '../trading-account/trading-account-owner.js';
import { TradingAccount } from '../trading-account/trading-account.js';
import type { TradingAccountState } from '../trading-account/trading-account-state.js';
import { tradingDayArbitrary } from './instant-arbitrary.js';
import { ruleSnapshotArbitrary } from './rule-snapshot-arbitrary.js';

/** Where the observed equity sits against the floor: a cent below, on it, a cent above. */
export type FloorPosition = 'below' | 'at' | 'above';

const OFFSET_CENTS: Readonly<Record<FloorPosition, -1 | 0 | 1>> = { below: -1, at: 0, above: 1 };

/**
 * An account placed near one of its loss floors (rule book §4): an active
 * trading account, and the observation that puts its equity a cent below,
 * exactly on or a cent above that floor. The floor is the binding one (the
 * higher of the two), so which side of it equity is decides the verdict:
 * a breach iff equity ≤ floor − tolerance.
 */
export interface NearFloorAccount {
  /** The account, trading, at the day start the observation belongs to; a fresh copy for every run. */
  readonly account: TradingAccount;
  readonly rules: RuleSnapshot;
  readonly limit: LossLimitName;
  readonly floor: Decimal;
  /** The other limit's floor (at or below `floor`). */
  readonly otherFloor: Decimal;
  readonly tolerance: Decimal;
  readonly position: FloorPosition;
  /** Equity − floor, in cents: −1, 0 or 1. */
  readonly offsetCents: -1 | 0 | 1;
  /** Balance and equity to evaluate: equity = floor + offset, in the account's trading day. */
  readonly observation: EquityObservation;
}

export interface NearFloorAccountOptions {
  /** The rules (default: `ruleSnapshotArbitrary()`). */
  readonly rules?: fc.Arbitrary<RuleSnapshot>;
  /** Only this limit's floor (default: either). */
  readonly limit?: LossLimitName;
  /** Only these positions (default: all three). */
  readonly positions?: readonly FloorPosition[];
  readonly owner?: TradingAccountOwner;
}

interface Placement {
  readonly rules: RuleSnapshot;
  readonly day: string;
  readonly openedMinutes: number;
  readonly observedMinutes: number;
  readonly limit: LossLimitName;
  /** Opened this trading day (its initial balance is the day start) or rolled into it from a day-start balance. */
  readonly rolled: boolean;
  /** Where the day-start balance sits in the range that makes `limit` the binding floor, in per cent. */
  readonly share: number;
  readonly position: FloorPosition;
}

/**
 * Accounts near a floor, to the cent. The day-start balance is chosen so that
 * the requested limit binds: for the daily floor a fresh account or one that
 * starts its day above the point where the floors cross, for the max-loss
 * floor one that starts its day between the max-loss floor and that point.
 */
export function nearFloorAccountArbitrary(options: NearFloorAccountOptions = {}): fc.Arbitrary<NearFloorAccount> {
  const placement: fc.Arbitrary<Placement> = fc.record({
    rules: options.rules ?? ruleSnapshotArbitrary(),
    day: tradingDayArbitrary(),
    openedMinutes: fc.integer({ min: 1, max: 600 }),
    observedMinutes: fc.integer({ min: 1, max: 600 }),
    limit: options.limit ? fc.constant(options.limit) : fc.constantFrom<LossLimitName>('daily_loss', 'max_loss'),
    rolled: fc.boolean(),
    share: fc.integer({ min: 5, max: 95 }),
    position: fc.constantFrom<FloorPosition>(...(options.positions ?? (['below', 'at', 'above'] as const))),
  });
  return placement
    .map((chosen) => place(chosen, options.owner))
    .filter((placed): placed is PlacedState => placed !== null)
    .map(fromState);
}

interface PlacedState {
  readonly state: TradingAccountState;
  readonly near: Omit<NearFloorAccount, 'account'>;
}

function place(chosen: Placement, owner: TradingAccountOwner | undefined): PlacedState | null {
  const { rules, limit } = chosen;
  const calendar = rules.calendar;
  const minute = 60_000;
  const dayStart = calendar.startOf(chosen.day).getTime();
  const account = unwrap(
    TradingAccount.open({
      login: '1001',
      traderId: 'trader-1',
      owner: owner ?? { kind: 'challenge_phase', id: 'challenge-1', phase: 1, attempt: 1 },
      rules,
      at: new Date(dayStart + chosen.openedMinutes * minute),
    }),
  );
  let balance = rules.initialBalance.amount;
  let from = dayStart + chosen.openedMinutes * minute;
  // A max-loss floor binds only after a losing day: the account must start a later day lower.
  if (chosen.rolled || limit === 'max_loss') {
    const reset = calendar.nextReset(new Date(from));
    balance = dayStartBalance(rules, limit, chosen.share);
    unwrap(account.rollTradingDay(reset, { balance, equity: balance, observedAt: reset }));
    from = reset.getTime();
  }
  account.pullEvents();
  if (!account.isTrading) return null;
  const floors = account.floors;
  const [floor, otherFloor] =
    limit === 'daily_loss' ? [floors.dailyLoss.floor, floors.maxLoss.floor] : [floors.maxLoss.floor, floors.dailyLoss.floor];
  if (floor.lessThan(otherFloor)) return null;
  const at = new Date(from + chosen.observedMinutes * minute);
  // Still the same trading day (days are 23 hours or more; ten hours on is well inside).
  if (calendar.tradingDayOf(at) !== account.drawdown.tradingDay) return null;
  const offsetCents = OFFSET_CENTS[chosen.position];
  const equity = floor.plus(new Decimal(offsetCents).dividedBy(100));
  return {
    state: account.toState(),
    near: {
      rules,
      limit,
      floor,
      otherFloor,
      tolerance: rules.rules.tolerance,
      position: chosen.position,
      offsetCents,
      observation: { balance, equity, at, tick: null },
    },
  };
}

/**
 * The day-start balance that makes `limit` bind, `share` per cent of the way
 * through its range. The floors cross where basis − daily amount equals the
 * max-loss floor: with the amount taken of the initial balance at
 * initial × (1 − max + daily), of the day-start basis at initial × (1 − max) / (1 − daily).
 */
function dayStartBalance(rules: RuleSnapshot, limit: LossLimitName, share: number): Decimal {
  const initial = rules.initialBalance.amount;
  const daily = rules.dailyLossPercent.fraction;
  const maxFloor = initial.times(new Decimal(1).minus(rules.maxLossPercent.fraction));
  const crossing =
    rules.rules.dailyLossReference === 'initial' ? maxFloor.plus(initial.times(daily)) : maxFloor.dividedBy(new Decimal(1).minus(daily));
  const [low, high] = limit === 'daily_loss' ? [crossing, initial.times(1.3)] : [maxFloor, crossing];
  return low.plus(high.minus(low).times(share).dividedBy(100)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** A fresh account for each use: fast-check calls the clone method whenever it hands the value over again. */
function fromState(placed: PlacedState): NearFloorAccount {
  return {
    ...placed.near,
    account: TradingAccount.restore(placed.state),
    [fc.cloneMethod]: () => fromState(placed),
  } as NearFloorAccount;
}
