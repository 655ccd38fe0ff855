import type { UseCases } from '@tradesense/application';
import { defineRoute, type AnyRoute } from '../api/route.js';
import {
  AccountMetrics,
  ChallengeIdParams,
  ChallengePage,
  ChallengesQuery,
  DealPage,
  HistoryQuery,
  ReplayQuery,
  VerdictReplay,
} from '../schemas/challenge-schemas.js';
import { reply } from './route-helpers.js';
import { onChallengeAccountLogin } from './challenge-account-alias.js';

/** A trader's challenges: list, live metrics (with the next daily reset), deal history, verdict replay. */
export function challengeRoutes(useCases: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/challenges', operationId: 'listChallenges',
      summary: 'Your challenges, newest first', tags: ['challenges'], access: 'trader',
      request: { query: ChallengesQuery },
      responses: { 200: { description: 'A page of challenges', schema: ChallengePage } },
      handler: async ({ auth, query }) =>
        reply(await useCases.listChallenges.execute({ userId: auth!.userId, cursor: query.cursor ?? null, limit: query.limit })),
    }),
    defineRoute({
      method: 'get', path: '/v1/challenges/:challengeId/metrics', operationId: 'challengeMetrics', platform: true,
      summary: 'Balance, equity, loss limits and progress, with the next daily reset instant', tags: ['challenges'], access: 'trader',
      request: { params: ChallengeIdParams },
      responses: { 200: { description: 'Metrics', schema: AccountMetrics } },
      handler: async ({ auth, params }) =>
        reply(await useCases.accountMetrics.execute({ requester: { userId: auth!.userId, role: 'trader' }, challengeId: params.challengeId })),
    }),
    defineRoute({
      method: 'get', path: '/v1/challenges/:challengeId/history', operationId: 'challengeHistory',
      summary: 'Closed deals of your challenge, newest first', tags: ['challenges'], access: 'trader',
      request: { params: ChallengeIdParams, query: HistoryQuery },
      responses: { 200: { description: 'A page of deals', schema: DealPage } },
      handler: async ({ auth, params, query }) =>
        reply(
          await useCases.tradingHistory.execute({
            requester: { userId: auth!.userId, role: 'trader' },
            challengeId: params.challengeId,
            cursor: query.cursor ?? null,
            limit: query.limit,
          }),
        ),
    }),
    defineRoute({
      method: 'get', path: '/v1/challenges/:challengeId/verdicts/replay', operationId: 'replayVerdict',
      summary: 'Recompute a stored breach verdict of one of your challenge\'s phase accounts from its inputs and compare (as GET /v1/accounts/{login}/verdicts/replay)',
      tags: ['challenges'], access: 'trader',
      request: { params: ChallengeIdParams, query: ReplayQuery },
      responses: { 200: { description: 'Stored and replayed verdicts', schema: VerdictReplay } },
      handler: async ({ auth, params, query }) => {
        const requester = { userId: auth!.userId, role: 'trader' } as const;
        const verdictId = query.verdictId ? { verdictId: query.verdictId } : {};
        return reply(
          await onChallengeAccountLogin(useCases, { requester, challengeId: params.challengeId, purpose: 'verdict', ...verdictId }, (login) =>
            useCases.replayAccountVerdict.execute({ requester, login, ...verdictId }),
          ),
        );
      },
    }),
  ];
}
