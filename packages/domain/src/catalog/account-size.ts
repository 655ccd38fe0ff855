import { toCents } from '../money/decimal.js';
import type { Money } from '../money/money.js';

/** A purchasable account size of a model: starting balance and price, switchable off. */
export interface AccountSize {
  readonly balance: Money;
  readonly price: Money;
  readonly enabled: boolean;
}

export interface AccountSizeData {
  /** Initial balance, cent string ("100000.00"). */
  readonly balance: string;
  /** Price in the model currency, cent string ("449.00"). */
  readonly price: string;
  readonly enabled: boolean;
}

export const accountSizeToData = (size: AccountSize): AccountSizeData => ({
  balance: toCents(size.balance.amount),
  price: toCents(size.price.amount),
  enabled: size.enabled,
});
