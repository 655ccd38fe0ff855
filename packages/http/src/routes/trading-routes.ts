import type { OpenPosition, UseCases } from '@tradesense/application';
import { domainProblem } from '../api/api-router.js';
import { defineRoute, type AnyRoute } from '../api/route.js';
import {
  ChallengeParams,
  ClosedTrade,
  FundedPositionParams,
  FundedTradingParams,
  PlaceTradeRequest,
  PositionList,
  PositionParams,
  TradeFill,
} from '../schemas/trading-schemas.js';

const positionBody = (p: OpenPosition) => ({
  positionId: p.positionId,
  symbol: p.symbol,
  side: p.side,
  volume: p.volume.toString(),
  openPrice: p.openPrice.toString(),
  currentPrice: p.currentPrice.toString(),
  openedAt: p.openedAt.toISOString(),
  stopLoss: p.stopLoss?.toString() ?? null,
  takeProfit: p.takeProfit?.toString() ?? null,
  profit: p.profit.toFixed(2),
  swap: p.swap.toFixed(2),
});

/** In-app trading on a trader's own challenge or funded account (the simulated platform). */
export function tradingRoutes(useCases: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post', path: '/v1/challenges/:challengeId/trades', operationId: 'placeTrade', platform: true,
      summary: 'Open a market position on your challenge account', tags: ['trading'], access: 'trader',
      request: { params: ChallengeParams, body: PlaceTradeRequest },
      responses: { 201: { description: 'Filled', schema: TradeFill } },
      handler: async ({ auth, params, body }) => {
        const result = await useCases.trade.place({ traderId: auth!.userId, challengeId: params.challengeId, ...body });
        return result.ok
          ? { status: 201, body: { positionId: result.value.positionId, dealId: result.value.dealId, price: result.value.price.toString() } }
          : domainProblem(result.error);
      },
    }),
    defineRoute({
      method: 'get', path: '/v1/challenges/:challengeId/positions', operationId: 'listPositions', platform: true,
      summary: 'Open positions of your challenge account', tags: ['trading'], access: 'trader',
      request: { params: ChallengeParams },
      responses: { 200: { description: 'Open positions', schema: PositionList } },
      handler: async ({ auth, params }) => {
        const result = await useCases.trade.positions(auth!.userId, params.challengeId);
        return result.ok ? { status: 200, body: { items: result.value.map(positionBody) } } : domainProblem(result.error);
      },
    }),
    defineRoute({
      method: 'delete', path: '/v1/challenges/:challengeId/positions/:positionId', operationId: 'closePosition', platform: true,
      summary: 'Close one of your positions at the market', tags: ['trading'], access: 'trader',
      request: { params: PositionParams },
      responses: { 200: { description: 'Closed', schema: ClosedTrade } },
      handler: async ({ auth, params }) => {
        const result = await useCases.trade.close(auth!.userId, params.challengeId, params.positionId);
        return result.ok ? { status: 200, body: result.value } : domainProblem(result.error);
      },
    }),
    defineRoute({
      method: 'post', path: '/v1/funded-accounts/:fundedAccountId/trades', operationId: 'placeFundedTrade', platform: true,
      summary: 'Open a market position on your funded account', tags: ['trading'], access: 'trader',
      request: { params: FundedTradingParams, body: PlaceTradeRequest },
      responses: { 201: { description: 'Filled', schema: TradeFill } },
      handler: async ({ auth, params, body }) => {
        const result = await useCases.trade.placeOnFunded({ traderId: auth!.userId, fundedAccountId: params.fundedAccountId, ...body });
        return result.ok
          ? { status: 201, body: { positionId: result.value.positionId, dealId: result.value.dealId, price: result.value.price.toString() } }
          : domainProblem(result.error);
      },
    }),
    defineRoute({
      method: 'get', path: '/v1/funded-accounts/:fundedAccountId/positions', operationId: 'listFundedPositions', platform: true,
      summary: 'Open positions of your funded account', tags: ['trading'], access: 'trader',
      request: { params: FundedTradingParams },
      responses: { 200: { description: 'Open positions', schema: PositionList } },
      handler: async ({ auth, params }) => {
        const result = await useCases.trade.fundedPositions(auth!.userId, params.fundedAccountId);
        return result.ok ? { status: 200, body: { items: result.value.map(positionBody) } } : domainProblem(result.error);
      },
    }),
    defineRoute({
      method: 'delete', path: '/v1/funded-accounts/:fundedAccountId/positions/:positionId', operationId: 'closeFundedPosition', platform: true,
      summary: 'Close one of your funded account’s positions at the market', tags: ['trading'], access: 'trader',
      request: { params: FundedPositionParams },
      responses: { 200: { description: 'Closed', schema: ClosedTrade } },
      handler: async ({ auth, params }) => {
        const result = await useCases.trade.closeOnFunded(auth!.userId, params.fundedAccountId, params.positionId);
        return result.ok ? { status: 200, body: result.value } : domainProblem(result.error);
      },
    }),
  ];
}
