import type { StoredTradingAccountViolation, UseCases } from '@tradesense/application';
import { defineRoute, type AnyRoute } from '../api/route.js';
import {
  AccountDealPage,
  AccountHistoryQuery,
  AccountReplayQuery,
  LoginParams,
  LoginViolationParams,
  TradingAccountMetrics,
  TradingAccountVerdictReplay,
  TradingAccountViolationList,
  TradingAccountViolationReplay,
} from '../schemas/trading-account-schemas.js';
import { reply } from './route-helpers.js';

const tags = ['accounts'];

/** A stored violation on the wire; the admin who cleared it is named to admins only. */
export function violationView(stored: StoredTradingAccountViolation, audience: 'trader' | 'admin') {
  const cleared = stored.cleared
    ? { ...(audience === 'admin' ? { adminId: stored.cleared.adminId } : {}), reason: stored.cleared.reason, at: stored.cleared.at.toISOString() }
    : null;
  return {
    violationId: stored.id,
    login: stored.login,
    owner: stored.owner,
    status: stored.status,
    violation: stored.violation,
    inputHash: stored.inputHash,
    tradingDay: stored.tradingDay,
    recordedAt: stored.recordedAt.toISOString(),
    positionsClosedAt: stored.positionsClosedAt?.toISOString() ?? null,
    cleared,
  };
}

/**
 * The risk view of any watched trading account, keyed by its platform login:
 * one resource whatever the account belongs to (a challenge phase, a funded
 * account, a competition entry). A trader reaches only their own logins; any
 * other answers `TRADING_ACCOUNT.NOT_FOUND`, exactly like one that does not exist.
 */
export function tradingAccountRoutes(useCases: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/accounts/:login/metrics', operationId: 'tradingAccountMetrics', platform: true,
      summary: 'Balance, equity and loss limits of one of your trading accounts, with the next daily reset instant', tags, access: 'trader',
      request: { params: LoginParams },
      responses: { 200: { description: 'Metrics', schema: TradingAccountMetrics } },
      handler: async ({ auth, params }) =>
        reply(await useCases.tradingAccountMetrics.execute({ requester: { userId: auth!.userId, role: 'trader' }, login: params.login })),
    }),
    defineRoute({
      method: 'get', path: '/v1/accounts/:login/history', operationId: 'tradingAccountHistory',
      summary: 'Deals taken in for one of your trading accounts, newest first', tags, access: 'trader',
      request: { params: LoginParams, query: AccountHistoryQuery },
      responses: { 200: { description: 'A page of deals', schema: AccountDealPage } },
      handler: async ({ auth, params, query }) =>
        reply(await useCases.accountHistory.execute({ traderId: auth!.userId, login: params.login, cursor: query.cursor ?? null, limit: query.limit })),
    }),
    defineRoute({
      method: 'get', path: '/v1/accounts/:login/verdicts/replay', operationId: 'replayAccountVerdict',
      summary: 'Recompute a stored breach verdict of your trading account from its inputs and compare', tags, access: 'trader',
      request: { params: LoginParams, query: AccountReplayQuery },
      responses: { 200: { description: 'Stored and replayed verdicts', schema: TradingAccountVerdictReplay } },
      handler: async ({ auth, params, query }) =>
        reply(
          await useCases.replayAccountVerdict.execute({
            requester: { userId: auth!.userId, role: 'trader' },
            login: params.login,
            ...(query.verdictId ? { verdictId: query.verdictId } : {}),
          }),
        ),
    }),
    defineRoute({
      method: 'get', path: '/v1/accounts/:login/violations', operationId: 'tradingAccountViolations',
      summary: 'Trading-restriction violations of one of your trading accounts, cleared ones included, newest first', tags, access: 'trader',
      request: { params: LoginParams },
      responses: { 200: { description: 'The violations', schema: TradingAccountViolationList } },
      handler: async ({ auth, params }) =>
        reply(
          await useCases.listAccountViolations.execute({ requester: { userId: auth!.userId, role: 'trader' }, login: params.login }),
          200,
          (value) => ({ login: value.login, items: value.items.map((stored) => violationView(stored, 'trader')) }),
        ),
    }),
    defineRoute({
      method: 'get', path: '/v1/accounts/:login/violations/:violationId/replay', operationId: 'replayAccountViolation',
      summary: 'Judge a stored restriction violation of your trading account again from its inputs and compare', tags, access: 'trader',
      request: { params: LoginViolationParams },
      responses: { 200: { description: 'Stored and replayed violations', schema: TradingAccountViolationReplay } },
      handler: async ({ auth, params }) =>
        reply(
          await useCases.replayAccountViolation.execute({
            requester: { userId: auth!.userId, role: 'trader' },
            login: params.login,
            violationId: params.violationId,
          }),
        ),
    }),
  ];
}
