import { z } from 'zod';
import { DecimalString, Id, OptionalDecimal, PositiveDecimal } from './common.js';

export const ChallengeParams = z.object({ challengeId: Id });
export const PositionParams = z.object({ challengeId: Id, positionId: Id });
export const FundedTradingParams = z.object({ fundedAccountId: Id });
export const FundedPositionParams = z.object({ fundedAccountId: Id, positionId: Id });

export const PlaceTradeRequest = z
  .object({
    symbol: z.string().regex(/^[A-Z0-9.]{3,12}$/, 'a symbol such as EURUSD'),
    side: z.enum(['buy', 'sell']),
    volume: PositiveDecimal.openapi({ example: '0.10' }),
    stopLoss: OptionalDecimal,
    takeProfit: OptionalDecimal,
  })
  .strict()
  .openapi('PlaceTradeRequest');

export const TradeFill = z
  .object({ positionId: z.string(), dealId: z.string(), price: DecimalString })
  .openapi('TradeFill');

export const ClosedTrade = z.object({ dealId: z.string() }).openapi('ClosedTrade');

export const Position = z
  .object({
    positionId: z.string(),
    symbol: z.string(),
    side: z.enum(['buy', 'sell']),
    volume: DecimalString,
    openPrice: DecimalString,
    currentPrice: DecimalString,
    openedAt: z.string(),
    stopLoss: DecimalString.nullable(),
    takeProfit: DecimalString.nullable(),
    profit: DecimalString,
    swap: DecimalString,
  })
  .openapi('Position');

export const PositionList = z.object({ items: z.array(Position) }).openapi('PositionList');
