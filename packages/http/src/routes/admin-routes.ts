import type { UseCases } from '@tradesense/application';
import type { ModelRevision } from '@tradesense/domain';
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../api/route.js';
import { AdminChallengesQuery, BreachOverridden, ChallengeIdParams, ChallengePage, OverrideBreachRequest } from '../schemas/challenge-schemas.js';
import {
  CatalogModel,
  CountryParams,
  EditModelRequest,
  GatewayParams,
  GatewaySettings,
  ModelParams,
  OrderParams,
  ProhibitCountryRequest,
  ProhibitedCountry,
  SizeParams,
  SizePriceRequest,
  UpdateGatewayRequest,
} from '../schemas/commerce-schemas.js';
import {
  AuditLogPage,
  AuditLogQuery,
  CompetitionCreated,
  CompetitionParams,
  CreateCompetitionRequest,
  Disqualified,
  DisqualifyRequest,
  EntryParams,
  PrizesAwarded,
} from '../schemas/community-schemas.js';
import {
  AdminKycQuery,
  AdminPayoutsQuery,
  KycCaseParams,
  KycCasePage,
  KycReviewed,
  MarkPayoutPaidRequest,
  Payout,
  PayoutPage,
  FundedAccountParams,
  PayoutParams,
  RejectPayoutRequest,
  ReviewKycRequest,
} from '../schemas/funding-schemas.js';
import { ClientActivityPage, UserParams } from '../schemas/auth-schemas.js';
import { PageQuery } from '../schemas/common.js';
import { FundedBreachOverridden } from '../schemas/funded-risk-schemas.js';
import {
  AdminTradingAccountViolation,
  AdminViolationPage,
  ClearViolationRequest,
  LoginParams,
  LoginViolationParams,
  TradingAccountBreachOverridden,
} from '../schemas/trading-account-schemas.js';
import { violationView } from './trading-account-routes.js';
import { onFundedAccountLogin } from './funded-account-alias.js';
import { reply } from './route-helpers.js';
import { onChallengeAccountLogin } from './challenge-account-alias.js';

const tags = ['admin'];
const ProhibitedCountryList = z.object({ countries: z.array(ProhibitedCountry).max(250) }).openapi('ProhibitedCountryList');
const RecordRefundRequest = z
  .object({ kind: z.enum(['refund', 'chargeback']), note: z.string().trim().min(1).max(500) })
  .strict()
  .openapi('RecordRefundRequest');
const RefundRecorded = z
  .object({
    orderId: z.string().max(64),
    /** `refunded`: taken in now; `duplicate`: recorded before (or the provider's notice came first). */
    outcome: z.enum(['refunded', 'partial', 'duplicate', 'ignored']),
    orderStatus: z.enum(['pending_payment', 'paid', 'fulfilled', 'cancelled', 'refunded']),
  })
  .openapi('RefundRecorded');

/** Back-office routes; every change is made in the admin's name (`auth.userId`) and audit-logged by the use case. */
export function adminRoutes(useCases: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'patch', path: '/v1/admin/models/:modelId', operationId: 'adminEditModel',
      summary: 'Revise a challenge model (a new version; running challenges keep theirs)', tags, access: 'admin',
      request: { params: ModelParams, body: EditModelRequest },
      responses: { 200: { description: 'The revised model', schema: CatalogModel } },
      handler: async ({ auth, params, body }) =>
        reply(
          await useCases.editModel.execute({
            actorId: auth!.userId,
            modelId: params.modelId,
            // Field-level checks belong to the domain's model revision, which refuses bad values with typed errors.
            revision: body.revision as ModelRevision,
            ...(body.reason !== undefined ? { reason: body.reason } : {}),
          }),
        ),
    }),
    defineRoute({
      method: 'put', path: '/v1/admin/models/:modelId/sizes/:balance/price', operationId: 'adminSetSizePrice',
      summary: 'Set the price of one account size', tags, access: 'admin',
      request: { params: SizeParams, body: SizePriceRequest },
      responses: { 200: { description: 'The model', schema: CatalogModel } },
      handler: async ({ auth, params, body }) =>
        reply(await useCases.setSizePrice.execute({ actorId: auth!.userId, modelId: params.modelId, balance: params.balance, price: body.price })),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/models/:modelId/sizes/:balance/enable', operationId: 'adminEnableSize',
      summary: 'Offer an account size again', tags, access: 'admin',
      request: { params: SizeParams },
      responses: { 200: { description: 'The model', schema: CatalogModel } },
      handler: async ({ auth, params }) =>
        reply(await useCases.enableSize.execute({ actorId: auth!.userId, modelId: params.modelId, balance: params.balance })),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/models/:modelId/sizes/:balance/disable', operationId: 'adminDisableSize',
      summary: 'Stop offering an account size', tags, access: 'admin',
      request: { params: SizeParams },
      responses: { 200: { description: 'The model', schema: CatalogModel } },
      handler: async ({ auth, params }) =>
        reply(await useCases.disableSize.execute({ actorId: auth!.userId, modelId: params.modelId, balance: params.balance })),
    }),
    defineRoute({
      method: 'patch', path: '/v1/admin/gateways/:gatewayId', operationId: 'adminUpdateGateway',
      summary: 'Change a payment gateway (enabled, countries, hours, fee, settlement currency and rate)', tags, access: 'admin',
      request: { params: GatewayParams, body: UpdateGatewayRequest },
      responses: { 200: { description: 'The gateway settings', schema: GatewaySettings } },
      handler: async ({ auth, params, body }) =>
        reply(
          await useCases.updateGateway.execute({
            actorId: auth!.userId,
            gatewayId: params.gatewayId,
            changes: Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
          }),
        ),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/orders/:orderId/refunds', operationId: 'adminRecordRefund',
      summary: 'Record a full refund or a chargeback made at the payment provider (nothing is sent to the provider)', tags, access: 'admin',
      request: { params: OrderParams, body: RecordRefundRequest },
      responses: { 200: { description: 'The order as the refund left it', schema: RefundRecorded } },
      handler: async ({ auth, params, body }) =>
        reply(await useCases.recordRefund.execute({ actorId: auth!.userId, orderId: params.orderId, kind: body.kind, note: body.note })),
    }),
    defineRoute({
      method: 'get', path: '/v1/admin/prohibited-countries', operationId: 'adminListProhibitedCountries',
      summary: 'Countries whose residents cannot buy, join competitions or be funded', tags, access: 'admin',
      responses: { 200: { description: 'Countries', schema: ProhibitedCountryList } },
      handler: async () => reply(await useCases.listProhibitedCountries.execute()),
    }),
    defineRoute({
      method: 'put', path: '/v1/admin/prohibited-countries/:code', operationId: 'adminSetProhibitedCountry',
      summary: 'Prohibit a country', tags, access: 'admin',
      request: { params: CountryParams, body: ProhibitCountryRequest },
      responses: { 200: { description: 'The entry', schema: ProhibitedCountry } },
      handler: async ({ auth, params, body }) =>
        reply(await useCases.setProhibitedCountry.execute({ actorId: auth!.userId, code: params.code, name: body.name, reason: body.reason })),
    }),
    defineRoute({
      method: 'delete', path: '/v1/admin/prohibited-countries/:code', operationId: 'adminRemoveProhibitedCountry',
      summary: 'Lift a country prohibition', tags, access: 'admin',
      request: { params: CountryParams },
      responses: { 200: { description: 'Removed', schema: z.object({ code: z.string().max(2) }) } },
      handler: async ({ auth, params }) => reply(await useCases.removeProhibitedCountry.execute({ actorId: auth!.userId, code: params.code })),
    }),
    defineRoute({
      method: 'get', path: '/v1/admin/challenges', operationId: 'adminListChallenges',
      summary: 'All challenges, filtered by status, trader or model', tags, access: 'admin',
      request: { query: AdminChallengesQuery },
      responses: { 200: { description: 'A page of challenges', schema: ChallengePage } },
      handler: async ({ query }) =>
        reply(
          await useCases.listChallengesAdmin.execute({
            ...(query.status ? { status: query.status } : {}),
            ...(query.traderId ? { traderId: query.traderId } : {}),
            ...(query.modelId ? { modelId: query.modelId } : {}),
            cursor: query.cursor ?? null,
            limit: query.limit,
          }),
        ),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/challenges/:challengeId/breach-override', operationId: 'adminOverrideBreach', platform: true,
      summary: 'Reinstate a breached challenge: clears its current phase account\'s breach (as POST /v1/admin/accounts/{login}/breach-override)',
      tags, access: 'admin', idempotent: true,
      request: { params: ChallengeIdParams, body: OverrideBreachRequest },
      responses: { 200: { description: 'Reinstated; trading re-enabled on the platform', schema: BreachOverridden } },
      handler: async ({ auth, params, body }) => {
        const requester = { userId: auth!.userId, role: 'admin' } as const;
        const resolved = await onChallengeAccountLogin(useCases, { requester, challengeId: params.challengeId, purpose: 'current' }, (login) =>
          useCases.overrideAccountBreach.execute({ adminId: auth!.userId, login, reason: body.reason }),
        );
        return reply(resolved.ok ? { ok: true as const, value: { ...resolved.value, account: resolved.value.login } } : resolved);
      },
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/accounts/:login/breach-override', operationId: 'adminOverrideAccountBreach', platform: true,
      summary: 'Reinstate a breached trading account of any kind from a fresh day start (reason required, audit-logged)', tags, access: 'admin', idempotent: true,
      request: { params: LoginParams, body: OverrideBreachRequest },
      responses: { 200: { description: 'Reinstated; trading re-enabled on the platform', schema: TradingAccountBreachOverridden } },
      handler: async ({ auth, params, body }) =>
        reply(await useCases.overrideAccountBreach.execute({ adminId: auth!.userId, login: params.login, reason: body.reason })),
    }),
    defineRoute({
      method: 'get', path: '/v1/admin/violations', operationId: 'adminListOpenViolations',
      summary: 'The review queue: open trading-restriction violations of every account, newest first', tags, access: 'admin',
      request: { query: PageQuery },
      responses: { 200: { description: 'A page of open violations', schema: AdminViolationPage } },
      handler: async ({ query }) =>
        reply(await useCases.listOpenViolations.execute({ cursor: query.cursor ?? null, limit: query.limit }), 200, (page) => ({
          items: page.items.map((stored) => violationView(stored, 'admin')),
          nextCursor: page.nextCursor,
        })),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/accounts/:login/violations/:violationId/clear', operationId: 'adminClearAccountViolation',
      summary: 'Clear a trading-restriction violation (reason required, audit-logged); it stays listed as cleared', tags, access: 'admin', idempotent: true,
      request: { params: LoginViolationParams, body: ClearViolationRequest },
      responses: { 200: { description: 'Cleared', schema: AdminTradingAccountViolation } },
      handler: async ({ auth, params, body }) =>
        reply(
          await useCases.clearAccountViolation.execute({ adminId: auth!.userId, login: params.login, violationId: params.violationId, reason: body.reason }),
          200,
          (stored) => violationView(stored, 'admin'),
        ),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/funded-accounts/:fundedAccountId/breach-override', operationId: 'adminOverrideFundedBreach', platform: true,
      summary: 'Reinstate a breached funded account from a fresh day start (as POST /v1/admin/accounts/{login}/breach-override)', tags, access: 'admin', idempotent: true,
      request: { params: FundedAccountParams, body: OverrideBreachRequest },
      responses: { 200: { description: 'Reinstated; trading re-enabled on the platform', schema: FundedBreachOverridden } },
      handler: async ({ auth, params, body }) =>
        reply(
          await onFundedAccountLogin(useCases, { userId: auth!.userId, role: 'admin' }, params.fundedAccountId, (login) =>
            useCases.overrideAccountBreach.execute({ adminId: auth!.userId, login, reason: body.reason }),
          ),
          200,
          // `account` was the login's name on this route before it became an alias: kept so clients do not break.
          (value) => ({ ...value, account: value.login }),
        ),
    }),
    defineRoute({
      method: 'get', path: '/v1/admin/kyc-cases', operationId: 'adminListKycCases',
      summary: 'KYC cases in one status (default: the manual review queue)', tags, access: 'admin',
      request: { query: AdminKycQuery },
      responses: { 200: { description: 'A page of cases', schema: KycCasePage } },
      handler: async ({ auth, query }) =>
        reply(await useCases.listKycCasesAdmin.execute({ adminId: auth!.userId, status: query.status, cursor: query.cursor ?? null, limit: query.limit })),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/kyc-cases/:kycCaseId/review', operationId: 'adminReviewKyc', platform: true,
      summary: 'Approve or reject a KYC case', tags, access: 'admin',
      request: { params: KycCaseParams, body: ReviewKycRequest },
      responses: { 200: { description: 'Reviewed', schema: KycReviewed } },
      handler: async ({ auth, params, body }) =>
        reply(
          await useCases.reviewKyc.execute({
            adminId: auth!.userId,
            kycCaseId: params.kycCaseId,
            decision: body.decision,
            ...(body.reason !== undefined ? { reason: body.reason } : {}),
          }),
        ),
    }),
    defineRoute({
      method: 'get', path: '/v1/admin/payouts', operationId: 'adminListPayouts',
      summary: 'All payouts, optionally in one status', tags, access: 'admin',
      request: { query: AdminPayoutsQuery },
      responses: { 200: { description: 'A page of payouts', schema: PayoutPage } },
      handler: async ({ auth, query }) =>
        reply(
          await useCases.listPayoutsAdmin.execute({
            adminId: auth!.userId,
            ...(query.status ? { status: query.status } : {}),
            cursor: query.cursor ?? null,
            limit: query.limit,
          }),
        ),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/payouts/:payoutId/approve', operationId: 'adminApprovePayout',
      summary: 'Approve a requested payout', tags, access: 'admin',
      request: { params: PayoutParams },
      responses: { 200: { description: 'Approved', schema: Payout } },
      handler: async ({ auth, params }) => reply(await useCases.approvePayout.execute({ adminId: auth!.userId, payoutId: params.payoutId })),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/payouts/:payoutId/reject', operationId: 'adminRejectPayout', platform: true,
      summary: 'Reject a payout (the amount returns to the account)', tags, access: 'admin',
      request: { params: PayoutParams, body: RejectPayoutRequest },
      responses: { 200: { description: 'Rejected', schema: Payout } },
      handler: async ({ auth, params, body }) =>
        reply(await useCases.rejectPayout.execute({ adminId: auth!.userId, payoutId: params.payoutId, reason: body.reason })),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/payouts/:payoutId/mark-paid', operationId: 'adminMarkPayoutPaid',
      summary: 'Record that an approved payout was sent', tags, access: 'admin',
      request: { params: PayoutParams, body: MarkPayoutPaidRequest },
      responses: { 200: { description: 'Paid', schema: Payout } },
      handler: async ({ auth, params, body }) =>
        reply(await useCases.markPayoutPaid.execute({ adminId: auth!.userId, payoutId: params.payoutId, paymentReference: body.paymentReference })),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/competitions', operationId: 'adminCreateCompetition',
      summary: 'Open a competition', tags, access: 'admin',
      request: { body: CreateCompetitionRequest },
      responses: { 201: { description: 'Created', schema: CompetitionCreated } },
      handler: async ({ auth, body }) =>
        reply(
          await useCases.createCompetition.execute({
            actorId: auth!.userId,
            ...(Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as typeof body),
          }),
          201,
        ),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/competitions/:competitionId/entries/:entryId/disqualify', operationId: 'adminDisqualifyEntry', platform: true,
      summary: 'Disqualify a competition entry', tags, access: 'admin',
      request: { params: EntryParams, body: DisqualifyRequest },
      responses: { 200: { description: 'Disqualified', schema: Disqualified } },
      handler: async ({ auth, params, body }) =>
        reply(
          await useCases.disqualifyCompetitionEntry.execute({
            actorId: auth!.userId,
            competitionId: params.competitionId,
            entryId: params.entryId,
            reason: body.reason,
          }),
        ),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/competitions/:competitionId/awards', operationId: 'adminAwardPrizes',
      summary: 'Award the prizes of an ended competition', tags, access: 'admin',
      request: { params: CompetitionParams },
      responses: { 200: { description: 'Awarded', schema: PrizesAwarded } },
      handler: async ({ auth, params }) => reply(await useCases.awardPrizes.execute({ competitionId: params.competitionId, actorId: auth!.userId })),
    }),
    defineRoute({
      method: 'get', path: '/v1/admin/audit-log', operationId: 'adminReadAuditLog',
      summary: 'The audit log, newest first', tags, access: 'admin',
      request: { query: AuditLogQuery },
      responses: { 200: { description: 'A page of entries', schema: AuditLogPage } },
      handler: async ({ auth, query }) =>
        reply(
          await useCases.readAuditLog.execute({
            actorId: auth!.userId,
            ...(Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as typeof query),
          }),
        ),
    }),
    defineRoute({
      method: 'get', path: '/v1/admin/users/:userId/activity', operationId: 'adminListUserActivity',
      summary: 'Where a user signed in and traded from (client address, device id, user agent), newest first', tags, access: 'admin',
      request: { params: UserParams, query: PageQuery },
      responses: { 200: { description: 'A page of entries', schema: ClientActivityPage } },
      handler: async ({ auth, params, query }) =>
        reply(await useCases.userActivity.execute({ actorId: auth!.userId, userId: params.userId, cursor: query.cursor ?? null, limit: query.limit })),
    }),
  ];
}
