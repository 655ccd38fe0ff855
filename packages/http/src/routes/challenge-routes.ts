import { challengesErrors, type UseCases } from '@tradesense/application';
import { err, ok } from '@tradesense/domain';
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
      summary: 'Deals of your challenge over all its phases and attempts, newest first (as GET /v1/accounts/{login}/history)',
      tags: ['challenges'], access: 'trader',
      request: { params: ChallengeIdParams, query: HistoryQuery },
      responses: { 200: { description: 'A page of deals', schema: DealPage } },
      handler: async ({ auth, params, query }) => {
        const resolved = await useCases.challengeAccountLogin.execute({
          requester: { userId: auth!.userId, role: 'trader' },
          challengeId: params.challengeId,
          purpose: 'trading',
        });
        // A challenge not yet paid has no account, so nothing was traded on it.
        if (!resolved.ok) return reply(resolved.error.code === 'CHALLENGE.NO_ACCOUNT' ? ok({ items: [], nextCursor: null }) : resolved);
        // The owner's span: a challenge's history goes on over its earlier phases' and attempts' logins.
        const history = await useCases.accountHistory.execute({
          traderId: auth!.userId,
          login: resolved.value.login,
          span: 'owner',
          cursor: query.cursor ?? null,
          limit: query.limit,
        });
        return reply(!history.ok && history.error.code === 'TRADING_ACCOUNT.NOT_FOUND' ? err(challengesErrors.notFound(params.challengeId)) : history);
      },
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
