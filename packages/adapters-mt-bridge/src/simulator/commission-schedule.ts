import { Decimal } from 'decimal.js';
import type { AssetClass } from '@tradesense/application';

/** Commission per lot per side, in the account currency. */
export type CommissionSchedule = Readonly<Record<AssetClass, Decimal>>;

export const DEFAULT_COMMISSIONS: CommissionSchedule = {
  forex: new Decimal('3.00'),
  metals: new Decimal('3.00'),
  indices: new Decimal(0),
  crypto: new Decimal(0),
  commodities: new Decimal('3.00'),
  stocks: new Decimal(0),
};

export const NO_COMMISSIONS: CommissionSchedule = {
  forex: new Decimal(0),
  metals: new Decimal(0),
  indices: new Decimal(0),
  crypto: new Decimal(0),
  commodities: new Decimal(0),
  stocks: new Decimal(0),
};
