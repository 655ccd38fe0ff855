import type { UseCases } from '@tradesense/application';
import type { Request } from 'express';
import { domainProblem } from '../api/api-router.js';
import { defineRoute, type AnyRoute } from '../api/route.js';
import { problem } from '../problems/problem.js';
import {
  AffiliateDashboard,
  AffiliateRegistered,
  CompetitionEntryCreated,
  CompetitionLeaderboard,
  CompetitionList,
  CompetitionParams,
  CompetitionsQuery,
  GlobalLeaderboard,
  LeaderboardQuery,
  MyCompetitionEntry,
  ReferralClick,
  ReferralLinked,
  ReferralParams,
  RegisterEntryRequest,
} from '../schemas/community-schemas.js';
import { reply } from './route-helpers.js';

/** Name of the referral attribution cookie (last click wins, 90 days). */
export const REFERRAL_COOKIE = 'ts_ref';

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Competitions, the public leaderboard, and affiliates. */
export function communityRoutes(useCases: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/competitions', operationId: 'listCompetitions',
      summary: 'Competitions, optionally in one status', tags: ['competitions'], access: 'public',
      request: { query: CompetitionsQuery },
      responses: { 200: { description: 'Competitions', schema: CompetitionList } },
      handler: async ({ query }) => reply(await useCases.listCompetitions.execute(query.status ? { status: query.status } : {})),
    }),
    defineRoute({
      method: 'get', path: '/v1/competitions/:competitionId/leaderboard', operationId: 'competitionLeaderboard',
      summary: 'Standings of a competition', tags: ['competitions'], access: 'public',
      request: { params: CompetitionParams, query: LeaderboardQuery },
      responses: { 200: { description: 'Standings', schema: CompetitionLeaderboard } },
      handler: async ({ params, query }) =>
        reply(
          await useCases.competitionLeaderboard.execute({
            competitionId: params.competitionId,
            ...(query.limit !== undefined ? { limit: query.limit } : {}),
          }),
        ),
    }),
    defineRoute({
      method: 'post', path: '/v1/competitions/:competitionId/entries', operationId: 'enterCompetition',
      summary: 'Enter a competition (a fee is paid by an order of yours)', tags: ['competitions'], access: 'trader',
      request: { params: CompetitionParams, body: RegisterEntryRequest },
      responses: { 201: { description: 'Entered', schema: CompetitionEntryCreated } },
      handler: async ({ auth, params, body }) => {
        // The use case takes the payment reference as given, so only a paid order of the caller's own counts.
        if (body.orderId !== undefined) {
          const order = await useCases.getOrder.execute({ userId: auth!.userId, orderId: body.orderId });
          if (!order.ok) return domainProblem(order.error);
          if (order.value.paidAt === null) {
            return { status: 422, body: problem(422, 'COMPETITION.FEE_NOT_PAID', 'The order for the entry fee is not paid') };
          }
        }
        return reply(
          await useCases.registerForCompetition.execute({
            competitionId: params.competitionId,
            userId: auth!.userId,
            paymentReference: body.orderId ?? null,
          }),
          201,
        );
      },
    }),
    defineRoute({
      method: 'get', path: '/v1/competitions/:competitionId/entries/me', operationId: 'myCompetitionEntry',
      summary: 'Your entry in a competition', tags: ['competitions'], access: 'trader',
      request: { params: CompetitionParams },
      responses: { 200: { description: 'Your entry', schema: MyCompetitionEntry } },
      handler: async ({ auth, params }) =>
        reply(await useCases.myCompetitionEntry.execute({ competitionId: params.competitionId, userId: auth!.userId })),
    }),
    defineRoute({
      method: 'get', path: '/v1/leaderboard', operationId: 'globalLeaderboard',
      summary: 'Top traders by profit % (opted-in only)', tags: ['leaderboard'], access: 'public',
      request: { query: LeaderboardQuery },
      responses: { 200: { description: 'Leaderboard', schema: GlobalLeaderboard } },
      handler: async ({ query }) => reply(await useCases.globalLeaderboard.execute(query.limit !== undefined ? { limit: query.limit } : {})),
    }),
    defineRoute({
      method: 'post', path: '/v1/affiliates', operationId: 'registerAffiliate',
      summary: 'Become an affiliate and get your referral code', tags: ['affiliates'], access: 'trader',
      responses: { 201: { description: 'Registered', schema: AffiliateRegistered } },
      handler: async ({ auth }) => reply(await useCases.registerAffiliate.execute({ userId: auth!.userId }), 201),
    }),
    defineRoute({
      method: 'get', path: '/v1/affiliates/me/dashboard', operationId: 'affiliateDashboard',
      summary: 'Clicks, signups, conversions and earnings', tags: ['affiliates'], access: 'trader',
      responses: { 200: { description: 'Dashboard', schema: AffiliateDashboard } },
      handler: async ({ auth }) => reply(await useCases.affiliateDashboard.execute({ userId: auth!.userId })),
    }),
    defineRoute({
      method: 'get', path: '/v1/referrals/:code', operationId: 'trackReferralClick',
      summary: 'Record a referral click and set the attribution cookie', tags: ['affiliates'], access: 'public',
      request: { params: ReferralParams },
      responses: { 200: { description: 'Click recorded; Set-Cookie carries the attribution', schema: ReferralClick } },
      handler: async ({ params, req }) => {
        const result = await useCases.trackClick.execute({ code: params.code });
        if (!result.ok) return domainProblem(result.error);
        const click = result.value;
        const secure = req.secure ? '; Secure' : '';
        return {
          status: 200,
          body: { code: click.code, expiresAt: click.expiresAt.toISOString() },
          headers: {
            'set-cookie': `${REFERRAL_COOKIE}=${encodeURIComponent(click.cookieValue)}; Max-Age=${click.maxAgeSeconds}; Path=/; HttpOnly; SameSite=Lax${secure}`,
          },
        };
      },
    }),
    defineRoute({
      method: 'post', path: '/v1/referrals/link', operationId: 'linkReferral',
      summary: 'Attribute your signup to the referral cookie of this browser', tags: ['affiliates'], access: 'trader',
      responses: { 200: { description: 'Linked', schema: ReferralLinked } },
      handler: async ({ auth, req }) => {
        const value = cookie(req, REFERRAL_COOKIE);
        if (!value) return { status: 422, body: problem(422, 'REFERRAL.NO_COOKIE', 'This browser carries no referral cookie') };
        return reply(await useCases.linkSignup.execute({ userId: auth!.userId, cookieValue: value }));
      },
    }),
  ];
}
