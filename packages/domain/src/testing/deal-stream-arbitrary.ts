import fc from 'fast-check';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { Decimal } from '../money/decimal.js';
import type { DealAction, TradingAccountDeal } from '../trading-account/trading-account-deal.js';

/** Symbols the deals and ticks name. */
export const QA_SYMBOLS = ['EURUSD', 'GBPUSD', 'XAUUSD', 'US30', 'NAS100'] as const;

export interface DealStreamOptions {
  /** The rules of the account: its initial balance scales every amount. */
  readonly rules: RuleSnapshot;
  /** The first deal is at or after this instant (the account's opening). */
  readonly from: Date;
  readonly maxLength?: number;
  /** Longest gap between two deals, in minutes (default two days, so streams cross resets). */
  readonly maxGapMinutes?: number;
  /** Largest profit or loss of one closing deal, in basis points of the initial balance (default 150). */
  readonly maxMoveBasisPoints?: number;
}

interface DealStep {
  readonly gapMinutes: number;
  readonly action: DealAction;
  readonly pick: number;
  readonly realisedBp: number;
  readonly floatingBp: number;
  readonly symbol: string;
}

/**
 * The deals of one account in time order, as the platform reports them
 * (rule book §3, §4): positions are opened before they are closed, a partial
 * close keeps its position open, a close realises profit or loss into the
 * balance, and each deal carries the balance and equity right after it.
 * Amounts are in basis points of the initial balance, so every size sees the
 * same shapes, booked to the cent.
 */
export function dealStreamArbitrary(options: DealStreamOptions): fc.Arbitrary<TradingAccountDeal[]> {
  const move = options.maxMoveBasisPoints ?? 150;
  const step: fc.Arbitrary<DealStep> = fc.record({
    gapMinutes: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: options.maxGapMinutes ?? 2 * 24 * 60 })),
    action: fc.constantFrom<DealAction>('open', 'open', 'close', 'partial_close'),
    pick: fc.nat(),
    realisedBp: fc.integer({ min: -move, max: move }),
    floatingBp: fc.integer({ min: -move, max: move }),
    symbol: fc.constantFrom(...QA_SYMBOLS),
  });
  return fc.array(step, { minLength: 1, maxLength: options.maxLength ?? 20 }).map((steps) => replayDeals(options, steps));
}

function replayDeals(options: DealStreamOptions, steps: readonly DealStep[]): TradingAccountDeal[] {
  const initial = options.rules.initialBalance.amount;
  const bp = (points: number) => initial.times(points).dividedBy(10_000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const open: string[] = [];
  let balance = initial;
  let at = options.from.getTime();
  let positions = 0;
  return steps.map((step, index) => {
    at += step.gapMinutes * 60_000;
    // A close with nothing open is an opening deal: the platform never reports one.
    const action: DealAction = open.length === 0 ? 'open' : step.action;
    let positionId: string;
    if (action === 'open') {
      positionId = `pos-${++positions}`;
      open.push(positionId);
    } else {
      positionId = open[step.pick % open.length]!;
      if (action === 'close') open.splice(open.indexOf(positionId), 1);
      balance = balance.plus(bp(step.realisedBp));
    }
    const equity = open.length === 0 ? balance : balance.plus(bp(step.floatingBp));
    return { dealId: `deal-${index + 1}`, positionId, action, at: new Date(at), balance, equity, symbol: step.symbol };
  });
}
