import { z } from 'zod';
import { DecimalString, Instant, Text } from './common.js';

export const SymbolParams = z.object({ symbol: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'a symbol such as EURUSD').openapi({ maxLength: 32 }) });

export const TradingSignal = z
  .object({
    symbol: z.string().max(32),
    direction: z.enum(['buy', 'sell', 'neutral']),
    /** Reference price the levels are computed from (normally the last close). */
    entry: DecimalString,
    stopLoss: DecimalString.nullable(),
    takeProfit: DecimalString.nullable(),
    confidence: z.number().min(0).max(1).openapi({ example: 0.75 }),
    rationale: Text(),
    provider: z.string().max(300).openapi({ example: 'indicators' }),
    generatedAt: Instant,
    disclaimer: Text(),
  })
  .openapi('TradingSignal');
