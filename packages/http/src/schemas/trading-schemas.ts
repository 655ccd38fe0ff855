import { z } from 'zod';
import { DecimalString, Id, IdText, Instant, List, OptionalDecimal, PositiveDecimal } from './common.js';

export const ChallengeParams = z.object({ challengeId: Id });
export const PositionParams = z.object({ challengeId: Id, positionId: Id });
export const FundedTradingParams = z.object({ fundedAccountId: Id });
export const FundedPositionParams = z.object({ fundedAccountId: Id, positionId: Id });

export const PlaceTradeRequest = z
  .object({
    symbol: z.string().regex(/^[A-Z0-9.]{3,12}$/, 'a symbol such as EURUSD').openapi({ maxLength: 12 }),
    side: z.enum(['buy', 'sell']),
    volume: PositiveDecimal.openapi({ example: '0.10' }),
    stopLoss: OptionalDecimal,
    takeProfit: OptionalDecimal,
  })
  .strict()
  .openapi('PlaceTradeRequest');

export const TradeFill = z
  .object({ positionId: IdText, dealId: IdText, price: DecimalString })
  .openapi('TradeFill');

export const ClosedTrade = z.object({ dealId: IdText }).openapi('ClosedTrade');

export const Position = z
  .object({
    positionId: IdText,
    symbol: z.string().max(32),
    side: z.enum(['buy', 'sell']),
    volume: DecimalString,
    openPrice: DecimalString,
    currentPrice: DecimalString,
    openedAt: Instant,
    stopLoss: DecimalString.nullable(),
    takeProfit: DecimalString.nullable(),
    profit: DecimalString,
    swap: DecimalString,
  })
  .openapi('Position');

export const PositionList = z.object({ items: List(Position) }).openapi('PositionList');
