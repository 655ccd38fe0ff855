import { z } from 'zod';
import { CodeText, Currency, DecimalString, Id, IdText, Instant, Int, List, Loose, NameText, PageQuery, Text, UrlText, pageOf } from './common.js';

const KycStatus = z.enum(['pending', 'in_progress', 'approved', 'rejected']);
const PayoutStatus = z.enum(['requested', 'approved', 'paid', 'rejected']);

export const KycStarted = z
  .object({ kycCaseId: IdText, provider: CodeText, status: KycStatus, verificationUrl: UrlText.nullable() })
  .openapi('KycStarted');
export const SubmitKycDocumentRequest = z
  .object({
    documentType: z.string().regex(/^[a-z_]{3,40}$/, 'e.g. passport, national_id, driving_license').openapi({ maxLength: 40 }),
    documentNumber: z.string().trim().min(3).max(64),
    issuingCountry: z.string().regex(/^[A-Za-z]{2}$/).openapi({ maxLength: 2 }),
  })
  .strict();
export const KycDocumentSubmitted = z.object({ kycCaseId: IdText, status: KycStatus }).openapi('KycDocumentSubmitted');
export const KycStatusView = z
  .object({
    required: z.boolean(),
    status: z.union([KycStatus, z.literal('not_started')]),
    kycCaseId: IdText.nullable(),
    provider: CodeText.nullable(),
    attempt: Int(),
    rejection: z.object({ kind: z.enum(['retry', 'final']), reasons: List(Text(), 20), at: Instant }).nullable(),
    canStart: z.boolean(),
    approvedAt: Instant.nullable(),
  })
  .openapi('KycStatus');

export const Agreement = z
  .object({ agreementId: IdText, version: z.string().max(50), title: NameText, text: z.string().max(200_000), textHash: z.string().max(128), publishedAt: Instant })
  .openapi('Agreement');
export const SignAgreementRequest = z
  .object({ typedName: z.string().trim().min(3).max(200), agreementVersion: z.string().min(1).max(50), textHash: z.string().min(16).max(128) })
  .strict();
const ActivatedFundedAccount = Loose;
export const AgreementSigned = z
  .object({ signatureId: IdText, agreementVersion: z.string().max(50), signedAt: Instant, fundedAccounts: List(ActivatedFundedAccount) })
  .openapi('AgreementSigned');
export const SignatureParams = z.object({ signatureId: Id });
/** PDF documents the platform renders (agreements, certificates): a few hundred kilobytes at most. */
export const PdfFile = z.string().max(10 * 1024 * 1024).openapi({ format: 'binary' });

const MoneyJson = z.object({ amount: DecimalString, currency: Currency });
export const Payout = z
  .looseObject({
    id: IdText,
    number: Int(),
    status: PayoutStatus,
    profit: MoneyJson,
    split: DecimalString,
    traderShare: MoneyJson,
    feeRefund: MoneyJson,
    compensation: MoneyJson,
    total: MoneyJson,
    requestedAt: Instant,
    requestedBy: IdText,
    deadline: Instant,
    approvedAt: Instant.nullable(),
    approvedBy: IdText.nullable(),
    paidAt: Instant.nullable(),
    paidBy: IdText.nullable(),
    paymentReference: z.string().max(200).nullable(),
    rejectedAt: Instant.nullable(),
    rejectedBy: IdText.nullable(),
    rejectionReason: Text().nullable(),
  })
  .openapi('Payout');
export const PayoutPage = pageOf(Payout, 'PayoutPage');
export const PayoutsQuery = PageQuery;

export const FundedAccount = z
  .looseObject({
    fundedAccountId: IdText,
    challengeId: IdText,
    modelId: IdText,
    tradingAccountId: IdText,
    status: CodeText,
    currency: Currency,
    openedAt: Instant,
    allocation: MoneyJson,
    balance: MoneyJson,
    profit: MoneyJson,
    split: DecimalString,
    openPositions: Int(),
    eligibility: Loose,
    payouts: List(Payout),
    scalings: List(Loose),
    nextReset: Instant,
  })
  .openapi('FundedAccount');
export const FundedAccountList = z.object({ items: List(FundedAccount) }).openapi('FundedAccountList');
export const FundedAccountParams = z.object({ fundedAccountId: Id });

export const Certificate = z
  .object({ id: IdText, kind: CodeText, title: NameText, traderName: NameText, awardedAt: Instant, verificationUrl: UrlText })
  .openapi('Certificate');
export const CertificateList = z.object({ items: List(Certificate) }).openapi('CertificateList');
export const CertificateParams = z.object({ certificateId: z.string().min(1).max(200) });
export const CertificateVerification = z
  .looseObject({ valid: z.boolean(), certificateId: IdText })
  .openapi('CertificateVerification');

export const KycWebhookParams = z.object({ provider: z.string().regex(/^[a-z_]{2,32}$/).openapi({ maxLength: 32 }) });
export const KycWebhookAck = z
  .object({ received: z.literal(true), outcome: CodeText, kycCaseId: IdText.nullable().optional() })
  .openapi('KycWebhookAck');

// Admin
export const AdminKycQuery = PageQuery.extend({ status: KycStatus.default('in_progress') });
export const KycCasePage = pageOf(Loose.openapi('KycCase'), 'KycCasePage');
export const KycCaseParams = z.object({ kycCaseId: Id });
export const ReviewKycRequest = z
  .object({ decision: z.enum(['approve', 'reject_retry', 'reject_final']), reason: z.string().trim().min(3).max(1000).optional() })
  .strict();
export const KycReviewed = z
  .object({ kycCaseId: IdText, status: KycStatus, fundedAccounts: List(ActivatedFundedAccount) })
  .openapi('KycReviewed');
export const AdminPayoutsQuery = PageQuery.extend({ status: PayoutStatus.optional() });
export const PayoutParams = z.object({ payoutId: Id });
export const RejectPayoutRequest = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
export const MarkPayoutPaidRequest = z.object({ paymentReference: z.string().trim().min(1).max(200) }).strict();
