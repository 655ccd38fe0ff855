import type { MarketOrderFill, OpenPosition, UseCases } from '@tradesense/application';
import type { DomainError, Result } from '@tradesense/domain';
import { domainProblem } from '../api/api-router.js';
import { clientContext } from '../api/client-context.js';
import { defineRoute, type AnyRoute, type RouteResponse } from '../api/route.js';
import { LoginParams, LoginPositionParams } from '../schemas/trading-account-schemas.js';
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
import { onChallengeTradingLogin } from './challenge-account-alias.js';
import { onFundedTradingLogin } from './funded-account-alias.js';

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

const filled = (result: Result<MarketOrderFill, DomainError>): RouteResponse =>
  result.ok
    ? { status: 201, body: { positionId: result.value.positionId, dealId: result.value.dealId, price: result.value.price.toString() } }
    : domainProblem(result.error);
const positions = (result: Result<readonly OpenPosition[], DomainError>): RouteResponse =>
  result.ok ? { status: 200, body: { items: result.value.map(positionBody) } } : domainProblem(result.error);
const closed = (result: Result<{ dealId: string }, DomainError>): RouteResponse =>
  result.ok ? { status: 200, body: result.value } : domainProblem(result.error);

/**
 * In-app trading on a trader's own trading account (the simulated platform),
 * by its login whatever it belongs to. The challenge and funded routes are
 * aliases: they resolve their login and answer what the login routes answer,
 * with their own not-found code.
 */
export function tradingRoutes(useCases: UseCases): AnyRoute[] {
  const { trade } = useCases;
  return [
    defineRoute({
      method: 'post', path: '/v1/accounts/:login/trades', operationId: 'placeAccountTrade', platform: true, clientActivity: true,
      summary: 'Open a market position on one of your trading accounts (accepted only while it trades: active, no breach detected)',
      tags: ['trading'], access: 'trader',
      request: { params: LoginParams, body: PlaceTradeRequest },
      responses: { 201: { description: 'Filled', schema: TradeFill } },
      handler: async ({ auth, params, body, req }) => filled(await trade.place({ client: clientContext(req), traderId: auth!.userId, login: params.login, ...body })),
    }),
    defineRoute({
      method: 'get', path: '/v1/accounts/:login/positions', operationId: 'listAccountPositions', platform: true,
      summary: 'Open positions of one of your trading accounts', tags: ['trading'], access: 'trader',
      request: { params: LoginParams },
      responses: { 200: { description: 'Open positions', schema: PositionList } },
      handler: async ({ auth, params }) => positions(await trade.positions(auth!.userId, params.login)),
    }),
    defineRoute({
      method: 'delete', path: '/v1/accounts/:login/positions/:positionId', operationId: 'closeAccountPosition', platform: true, clientActivity: true,
      summary: 'Close one of your trading account’s positions at the market', tags: ['trading'], access: 'trader',
      request: { params: LoginPositionParams },
      responses: { 200: { description: 'Closed', schema: ClosedTrade } },
      handler: async ({ auth, params, req }) => closed(await trade.close(auth!.userId, params.login, params.positionId, clientContext(req))),
    }),
    defineRoute({
      method: 'post', path: '/v1/challenges/:challengeId/trades', operationId: 'placeTrade', platform: true, clientActivity: true,
      summary: 'Open a market position on your challenge account (as POST /v1/accounts/{login}/trades)', tags: ['trading'], access: 'trader',
      request: { params: ChallengeParams, body: PlaceTradeRequest },
      responses: { 201: { description: 'Filled', schema: TradeFill } },
      handler: async ({ auth, params, body, req }) =>
        filled(await onChallengeTradingLogin(useCases, auth!.userId, params.challengeId, (login) => trade.place({ client: clientContext(req), traderId: auth!.userId, login, ...body }))),
    }),
    defineRoute({
      method: 'get', path: '/v1/challenges/:challengeId/positions', operationId: 'listPositions', platform: true,
      summary: 'Open positions of your challenge account (as GET /v1/accounts/{login}/positions)', tags: ['trading'], access: 'trader',
      request: { params: ChallengeParams },
      responses: { 200: { description: 'Open positions', schema: PositionList } },
      handler: async ({ auth, params }) =>
        positions(await onChallengeTradingLogin(useCases, auth!.userId, params.challengeId, (login) => trade.positions(auth!.userId, login))),
    }),
    defineRoute({
      method: 'delete', path: '/v1/challenges/:challengeId/positions/:positionId', operationId: 'closePosition', platform: true, clientActivity: true,
      summary: 'Close one of your positions at the market (as DELETE /v1/accounts/{login}/positions/{positionId})', tags: ['trading'], access: 'trader',
      request: { params: PositionParams },
      responses: { 200: { description: 'Closed', schema: ClosedTrade } },
      handler: async ({ auth, params, req }) =>
        closed(
          await onChallengeTradingLogin(useCases, auth!.userId, params.challengeId, (login) => trade.close(auth!.userId, login, params.positionId, clientContext(req))),
        ),
    }),
    defineRoute({
      method: 'post', path: '/v1/funded-accounts/:fundedAccountId/trades', operationId: 'placeFundedTrade', platform: true, clientActivity: true,
      summary: 'Open a market position on your funded account (as POST /v1/accounts/{login}/trades)', tags: ['trading'], access: 'trader',
      request: { params: FundedTradingParams, body: PlaceTradeRequest },
      responses: { 201: { description: 'Filled', schema: TradeFill } },
      handler: async ({ auth, params, body, req }) =>
        filled(
          await onFundedTradingLogin(useCases, auth!.userId, params.fundedAccountId, (login) => trade.place({ client: clientContext(req), traderId: auth!.userId, login, ...body })),
        ),
    }),
    defineRoute({
      method: 'get', path: '/v1/funded-accounts/:fundedAccountId/positions', operationId: 'listFundedPositions', platform: true,
      summary: 'Open positions of your funded account (as GET /v1/accounts/{login}/positions)', tags: ['trading'], access: 'trader',
      request: { params: FundedTradingParams },
      responses: { 200: { description: 'Open positions', schema: PositionList } },
      handler: async ({ auth, params }) =>
        positions(await onFundedTradingLogin(useCases, auth!.userId, params.fundedAccountId, (login) => trade.positions(auth!.userId, login))),
    }),
    defineRoute({
      method: 'delete', path: '/v1/funded-accounts/:fundedAccountId/positions/:positionId', operationId: 'closeFundedPosition', platform: true, clientActivity: true,
      summary: 'Close one of your funded account’s positions at the market (as DELETE /v1/accounts/{login}/positions/{positionId})',
      tags: ['trading'], access: 'trader',
      request: { params: FundedPositionParams },
      responses: { 200: { description: 'Closed', schema: ClosedTrade } },
      handler: async ({ auth, params, req }) =>
        closed(
          await onFundedTradingLogin(useCases, auth!.userId, params.fundedAccountId, (login) =>
            trade.close(auth!.userId, login, params.positionId, clientContext(req)),
          ),
        ),
    }),
  ];
}
