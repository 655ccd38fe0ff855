import { Decimal } from '../money/decimal.js';

/** Lot limits per asset class as plain JSON (exact decimal strings). */
export const lotLimitsToData = (limits: Readonly<Record<string, Decimal>>): Record<string, string> =>
  Object.fromEntries(Object.entries(limits).map(([assetClass, lots]) => [assetClass, lots.toFixed()]));

export const lotLimitsFromData = (data: Readonly<Record<string, unknown>>): Record<string, Decimal> =>
  Object.fromEntries(Object.entries(data).map(([assetClass, lots]) => [assetClass, new Decimal(String(lots))]));
