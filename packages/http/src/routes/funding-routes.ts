import type { KycProvider, UseCases } from '@tradesense/application';
import { createHash } from 'node:crypto';
import { defineRoute, type AnyRoute } from '../api/route.js';
import { problem } from '../problems/problem.js';
import {
  Agreement,
  AgreementSigned,
  CertificateList,
  CertificateParams,
  CertificateVerification,
  FundedAccount,
  FundedAccountList,
  FundedAccountParams,
  KycDocumentSubmitted,
  KycStarted,
  KycStatusView,
  KycWebhookAck,
  KycWebhookParams,
  Payout,
  PayoutPage,
  PayoutsQuery,
  PdfFile,
  SignAgreementRequest,
  SignatureParams,
  SubmitKycDocumentRequest,
} from '../schemas/funding-schemas.js';
import { FundedAccountMetrics, FundedVerdictReplay } from '../schemas/funded-risk-schemas.js';
import { AccountReplayQuery } from '../schemas/trading-account-schemas.js';
import { webhookRefusal, webhookRequest } from './commerce-routes.js';
import { onFundedAccountLogin } from './funded-account-alias.js';
import { pdfReply, reply } from './route-helpers.js';

/**
 * The payout id for a request carrying an Idempotency-Key: the same trader
 * and key always name the same payout, so even a retry racing the first
 * request never withdraws twice.
 */
function payoutIdFor(userId: string, key: string | undefined): string | undefined {
  if (!key) return undefined;
  const hex = createHash('sha256').update(`${userId}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Getting funded and paid: KYC, the trader agreement, funded accounts, payouts and certificates. */
export function fundingRoutes(useCases: UseCases, kycProvider: KycProvider): AnyRoute[] {
  return [
    defineRoute({
      method: 'post', path: '/v1/kyc', operationId: 'startKyc',
      summary: 'Start (or resume) identity verification', tags: ['kyc'], access: 'trader',
      responses: { 201: { description: 'Verification started', schema: KycStarted } },
      handler: async ({ auth }) => reply(await useCases.startKyc.execute({ userId: auth!.userId }), 201),
    }),
    defineRoute({
      method: 'post', path: '/v1/kyc/documents', operationId: 'submitKycDocument',
      summary: 'Submit your identity document (its number is stored only as a keyed hash)', tags: ['kyc'], access: 'trader',
      request: { body: SubmitKycDocumentRequest },
      responses: { 201: { description: 'Submitted for review', schema: KycDocumentSubmitted } },
      handler: async ({ auth, body }) =>
        reply(await useCases.submitKycDocument.execute({ userId: auth!.userId, ...body, issuingCountry: body.issuingCountry.toUpperCase() }), 201),
    }),
    defineRoute({
      method: 'get', path: '/v1/kyc', operationId: 'kycStatus',
      summary: 'Your verification status', tags: ['kyc'], access: 'trader',
      responses: { 200: { description: 'Status', schema: KycStatusView } },
      handler: async ({ auth }) => reply(await useCases.kycStatus.execute({ userId: auth!.userId })),
    }),
    defineRoute({
      method: 'get', path: '/v1/agreement', operationId: 'currentAgreement',
      summary: 'The trader agreement in force', tags: ['agreement'], access: 'trader',
      responses: { 200: { description: 'The agreement', schema: Agreement } },
      handler: async () => reply(await useCases.currentAgreement.execute()),
    }),
    defineRoute({
      method: 'post', path: '/v1/agreement/signatures', operationId: 'signAgreement', platform: true,
      summary: 'Sign the agreement with your typed name', tags: ['agreement'], access: 'trader',
      request: { body: SignAgreementRequest },
      responses: { 201: { description: 'Signed', schema: AgreementSigned } },
      handler: async ({ auth, body, req }) =>
        reply(
          await useCases.signAgreement.execute({
            userId: auth!.userId,
            ...body,
            ipAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
            userAgent: (req.header('user-agent') ?? 'unknown').slice(0, 500),
          }),
          201,
        ),
    }),
    defineRoute({
      method: 'get', path: '/v1/agreement/signatures/:signatureId/pdf', operationId: 'signedAgreementPdf',
      summary: 'Your signed agreement as PDF', tags: ['agreement'], access: 'trader',
      request: { params: SignatureParams },
      responses: { 200: { description: 'The PDF', schema: PdfFile, contentType: 'application/pdf' } },
      handler: async ({ auth, params }) => pdfReply(await useCases.getSignedAgreementPdf.execute({ userId: auth!.userId, signatureId: params.signatureId })),
    }),
    defineRoute({
      method: 'get', path: '/v1/funded-accounts', operationId: 'listFundedAccounts',
      summary: 'Your funded accounts with payout eligibility and the next reset', tags: ['funded'], access: 'trader',
      responses: { 200: { description: 'Funded accounts', schema: FundedAccountList } },
      handler: async ({ auth }) => reply(await useCases.listFundedAccounts.execute({ userId: auth!.userId }), 200, (items) => ({ items })),
    }),
    defineRoute({
      method: 'get', path: '/v1/funded-accounts/:fundedAccountId', operationId: 'getFundedAccount',
      summary: 'One of your funded accounts', tags: ['funded'], access: 'trader',
      request: { params: FundedAccountParams },
      responses: { 200: { description: 'The funded account', schema: FundedAccount } },
      handler: async ({ auth, params }) =>
        reply(await useCases.fundedAccountOverview.execute({ userId: auth!.userId, fundedAccountId: params.fundedAccountId })),
    }),
    defineRoute({
      method: 'get', path: '/v1/funded-accounts/:fundedAccountId/metrics', operationId: 'fundedAccountMetrics', platform: true,
      summary: 'Balance, equity and loss limits of your funded account, with the next daily reset instant', tags: ['funded'], access: 'trader',
      request: { params: FundedAccountParams },
      responses: { 200: { description: 'Metrics', schema: FundedAccountMetrics } },
      handler: async ({ auth, params }) =>
        reply(
          await useCases.fundedAccountMetrics.execute({
            requester: { userId: auth!.userId, role: 'trader' },
            fundedAccountId: params.fundedAccountId,
          }),
        ),
    }),
    defineRoute({
      method: 'get', path: '/v1/funded-accounts/:fundedAccountId/verdicts/replay', operationId: 'replayFundedVerdict',
      summary: 'Recompute a stored breach verdict of your funded account from its inputs and compare (as GET /v1/accounts/{login}/verdicts/replay)',
      tags: ['funded'], access: 'trader',
      request: { params: FundedAccountParams, query: AccountReplayQuery },
      responses: { 200: { description: 'Stored and replayed verdicts', schema: FundedVerdictReplay } },
      handler: async ({ auth, params, query }) => {
        const requester = { userId: auth!.userId, role: 'trader' } as const;
        return reply(
          await onFundedAccountLogin(useCases, requester, params.fundedAccountId, (login) =>
            useCases.replayAccountVerdict.execute({ requester, login, ...(query.verdictId ? { verdictId: query.verdictId } : {}) }),
          ),
        );
      },
    }),
    defineRoute({
      method: 'post', path: '/v1/funded-accounts/:fundedAccountId/payouts', operationId: 'requestPayout', platform: true,
      summary: 'Request a payout of your profit share', tags: ['funded'], access: 'trader', idempotent: true,
      request: { params: FundedAccountParams },
      responses: { 201: { description: 'Requested', schema: Payout } },
      handler: async ({ auth, params, req }) => {
        const payoutId = payoutIdFor(auth!.userId, req.header('idempotency-key'));
        return reply(
          await useCases.requestPayout.execute({ userId: auth!.userId, fundedAccountId: params.fundedAccountId, ...(payoutId ? { payoutId } : {}) }),
          201,
        );
      },
    }),
    defineRoute({
      method: 'get', path: '/v1/payouts', operationId: 'listPayouts',
      summary: 'Your payouts, newest first', tags: ['funded'], access: 'trader',
      request: { query: PayoutsQuery },
      responses: { 200: { description: 'A page of payouts', schema: PayoutPage } },
      handler: async ({ auth, query }) =>
        reply(await useCases.listPayouts.execute({ userId: auth!.userId, cursor: query.cursor ?? null, limit: query.limit })),
    }),
    defineRoute({
      method: 'get', path: '/v1/certificates', operationId: 'listCertificates',
      summary: 'Your certificates', tags: ['certificates'], access: 'trader',
      responses: { 200: { description: 'Certificates', schema: CertificateList } },
      handler: async ({ auth }) => reply(await useCases.listCertificates.execute({ userId: auth!.userId }), 200, (items) => ({ items })),
    }),
    defineRoute({
      method: 'get', path: '/v1/certificates/:certificateId/pdf', operationId: 'certificatePdf',
      summary: 'One of your certificates as PDF', tags: ['certificates'], access: 'trader',
      request: { params: CertificateParams },
      responses: { 200: { description: 'The PDF', schema: PdfFile, contentType: 'application/pdf' } },
      handler: async ({ auth, params }) => pdfReply(await useCases.getCertificatePdf.execute({ userId: auth!.userId, certificateId: params.certificateId })),
    }),
    defineRoute({
      method: 'get', path: '/v1/certificates/:certificateId/verify', operationId: 'verifyCertificate',
      summary: 'Public check that the firm issued a certificate', tags: ['certificates'], access: 'public',
      request: { params: CertificateParams },
      responses: { 200: { description: 'Verification', schema: CertificateVerification } },
      handler: async ({ params }) => reply(await useCases.verifyCertificate.execute({ certificateId: params.certificateId })),
    }),
    defineRoute({
      method: 'post', path: '/v1/webhooks/kyc/:provider', operationId: 'receiveKycWebhook',
      summary: 'KYC provider decision (signed raw body)', tags: ['webhooks'], access: 'public', rawBody: true,
      request: { params: KycWebhookParams },
      responses: { 200: { description: 'Acknowledged', schema: KycWebhookAck } },
      handler: async ({ params, req }) => {
        if (params.provider !== kycProvider.id) {
          return { status: 404, body: problem(404, 'KYC.PROVIDER_UNKNOWN', `No KYC provider ${params.provider} is configured`) };
        }
        let notice;
        try {
          notice = await kycProvider.parseWebhook(webhookRequest(req));
        } catch (error) {
          return webhookRefusal(error);
        }
        if (notice.outcome === 'ignored') return { status: 200, body: { received: true, outcome: 'ignored' } };
        return reply(await useCases.handleKycDecision.execute({ event: notice.event }), 200, (value) => ({
          received: true,
          outcome: value.outcome,
          kycCaseId: value.kycCaseId,
        }));
      },
    }),
  ];
}
