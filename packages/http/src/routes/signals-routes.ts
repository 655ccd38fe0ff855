import type { TradingSignal as Signal, UseCases } from '@tradesense/application';
import { defineRoute, type AnyRoute } from '../api/route.js';
import { SymbolParams, TradingSignal } from '../schemas/signals-schemas.js';
import { reply } from './route-helpers.js';

/** The wire form of a signal: levels as decimal strings (never exponent notation), the instant in ISO. */
export const signalBody = (signal: Signal) => ({
  symbol: signal.symbol,
  direction: signal.direction,
  entry: signal.entry.toFixed(),
  stopLoss: signal.stopLoss?.toFixed() ?? null,
  takeProfit: signal.takeProfit?.toFixed() ?? null,
  confidence: signal.confidence,
  rationale: signal.rationale,
  provider: signal.provider,
  generatedAt: signal.generatedAt.toISOString(),
  disclaimer: signal.disclaimer,
});

/** Trading signals per symbol, for traders and admins alike; each says it is not advice. */
export function signalsRoutes(useCases: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/signals/:symbol', operationId: 'tradingSignal',
      summary: 'The trading signal of a symbol the price feed quotes (reused for 5 minutes; not financial advice)',
      tags: ['signals'], access: 'authenticated',
      request: { params: SymbolParams },
      responses: { 200: { description: 'The signal', schema: TradingSignal } },
      handler: async ({ params }) => reply(await useCases.tradingSignal.execute(params.symbol), 200, signalBody),
    }),
  ];
}
