import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ConversionRoutes } from '../shared-kernel/conversion-routes.js';
import { RISK_TEST_SYMBOLS } from '../testing/risk-fixtures.js';
import { floatingProfit, type BidAsk } from './position-valuation.js';

const d = (value: string): Decimal => new Decimal(value);
const q = (bid: string, ask: string): BidAsk => ({ bid: d(bid), ask: d(ask) });
const routes = new ConversionRoutes('USD', RISK_TEST_SYMBOLS);
const specOf = (symbol: string) => RISK_TEST_SYMBOLS.find((spec) => spec.symbol === symbol)!;

function profit(symbol: string, side: 'buy' | 'sell', volume: string, openPrice: string, quote: BidAsk, rate: BidAsk | null = null) {
  const spec = specOf(symbol);
  const route = routes.route(spec.profitCurrency);
  if (route === undefined) throw new Error('no route');
  return floatingProfit({ side, volume: d(volume), openPrice: d(openPrice), contractSize: spec.contractSize, route }, quote, rate).toFixed(2);
}

describe('floating P/L in the account currency (checked by hand)', () => {
  it('EURUSD buy closes at the bid, profit already in USD', () => {
    // (1.10100 − 1.10012) × 1 lot × 100,000 = 88.00
    expect(profit('EURUSD', 'buy', '1', '1.10012', q('1.10100', '1.10112'))).toBe('88.00');
  });

  it('USDJPY sell: yen gains sold at the ask, yen losses bought at the bid', () => {
    const rate = (bid: string, ask: string) => q(bid, ask);
    // (150.000 − 149.500) × 200,000 = 100,000 JPY / 149.500 = 668.896… → 668.90
    expect(profit('USDJPY', 'sell', '2', '150.000', q('149.486', '149.500'), rate('149.486', '149.500'))).toBe('668.90');
    // −100,000 JPY / 150.486 = −664.513… → −664.51
    expect(profit('USDJPY', 'sell', '2', '150.000', q('150.486', '150.500'), rate('150.486', '150.500'))).toBe('-664.51');
  });

  it('XAUUSD: 0.5 lot × 100 oz', () => {
    // (2,360.00 − 2,350.50) × 50 = 475.00
    expect(profit('XAUUSD', 'buy', '0.5', '2350.50', q('2360.00', '2360.25'))).toBe('475.00');
  });

  it('GER40 in EUR converts through EURUSD: gains at the bid, losses at the ask', () => {
    expect(routes.route('EUR')).toEqual({ currency: 'EUR', symbol: 'EURUSD', direct: true });
    // 49.50 EUR × 1.10000 = 54.45
    expect(profit('GER40', 'buy', '1', '18001.50', q('18051.00', '18052.50'), q('1.10000', '1.10012'))).toBe('54.45');
    // −51.50 EUR × 1.10012 = −56.65618 → −56.66
    expect(profit('GER40', 'buy', '1', '18001.50', q('17950.00', '17951.50'), q('1.10000', '1.10012'))).toBe('-56.66');
  });

  it('has no route for a currency nothing quotes against the account currency', () => {
    expect(routes.route('USD')).toBeNull();
    expect(routes.route('JPY')).toEqual({ currency: 'JPY', symbol: 'USDJPY', direct: false });
    expect(routes.route('NZD')).toBeUndefined();
  });
});
