import { Decimal } from '../money/decimal.js';
import type { TradingAccountDeal } from '../trading-account/trading-account-deal.js';
import { QA_INSTANT } from './qa-defaults.js';

/**
 * A deal fact as the trading restrictions read it (rule book §14): deal d-1
 * opening position p-1 of 1.00 lot EURUSD (forex, EUR/USD legs) at
 * `QA_INSTANT`, the 2-Step 100,000 account's figures unchanged. Every field
 * can be overridden; a closing deal adds its `netProfit`.
 */
export function aDealFact(overrides: Partial<TradingAccountDeal> = {}): TradingAccountDeal {
  return {
    dealId: 'd-1',
    positionId: 'p-1',
    action: 'open',
    at: QA_INSTANT,
    balance: new Decimal('100000.00'),
    equity: new Decimal('100000.00'),
    symbol: 'EURUSD',
    assetClass: 'forex',
    volume: new Decimal('1.00'),
    baseCurrency: 'EUR',
    quoteCurrency: 'USD',
    ...overrides,
  };
}
