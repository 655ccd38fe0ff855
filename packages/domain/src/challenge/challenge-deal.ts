import type { Decimal } from '../money/decimal.js';
import type { DealAction } from '../trading-account/trading-account-deal.js';

/** A trade deal on the challenge's current trading account, with the account figures right after it. */
export interface ChallengeDeal {
  readonly dealId: string;
  readonly positionId: string;
  readonly action: DealAction;
  readonly at: Date;
  readonly balance: Decimal;
  readonly equity: Decimal;
  readonly symbol?: string;
}
