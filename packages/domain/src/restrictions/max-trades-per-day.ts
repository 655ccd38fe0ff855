import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import type { RestrictionAction } from '../catalog/trading-restrictions.js';
import type { DealAction } from '../trading-account/trading-account-deal.js';
import type { RestrictionRule, RestrictionViolation } from './restriction-violation.js';

/** A deal with the opening deals already counted in its firm trading day. */
export interface TradeCountFact {
  readonly dealId: string;
  readonly positionId: string;
  readonly action: DealAction;
  readonly at: Date;
  readonly tradingDay: string;
  readonly tradesBefore: number;
}

/**
 * Max trades per firm trading day (rule book §14): a trade is a
 * position-opening deal; the (N+1)th of one trading day violates, and closing
 * deals never count. Default `flag`; a competition entry's snapshot defaults
 * to `breach` (disqualified on the 51st opening).
 */
export class MaxTradesPerDay implements RestrictionRule<TradeCountFact> {
  readonly restriction = 'max_trades_per_day' as const;

  constructor(
    readonly limit: number,
    readonly action: RestrictionAction,
  ) {}

  static of(snapshot: RuleSnapshot): MaxTradesPerDay | null {
    const limit = snapshot.restrictions.maxTradesPerDay;
    return limit === null ? null : new MaxTradesPerDay(limit, snapshot.restrictionAction('max_trades_per_day'));
  }

  static fromData(data: Readonly<Record<string, unknown>>): MaxTradesPerDay {
    return new MaxTradesPerDay(Number(data['limit']), data['action'] as RestrictionAction);
  }

  static factFromData(data: Readonly<Record<string, unknown>>): TradeCountFact {
    return {
      dealId: String(data['dealId']),
      positionId: String(data['positionId']),
      action: data['action'] as DealAction,
      at: new Date(String(data['at'])),
      tradingDay: String(data['tradingDay']),
      tradesBefore: Number(data['tradesBefore']),
    };
  }

  /** Whether a deal is a trade the limit counts. */
  static counts(action: DealAction): boolean {
    return action === 'open';
  }

  judge(fact: TradeCountFact): RestrictionViolation | null {
    if (!MaxTradesPerDay.counts(fact.action)) return null;
    const trades = fact.tradesBefore + 1;
    if (trades <= this.limit) return null;
    return {
      id: `${this.restriction}:${fact.dealId}`,
      restriction: this.restriction,
      action: this.action,
      at: fact.at,
      dealId: fact.dealId,
      positionIds: [fact.positionId],
      limit: String(this.limit),
      observed: String(trades),
      details: { tradingDay: fact.tradingDay },
    };
  }

  toData(): Readonly<Record<string, unknown>> {
    return { limit: this.limit, action: this.action };
  }
}
