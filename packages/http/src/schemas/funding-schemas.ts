import { z } from 'zod';
import { DecimalString, Id, Instant, PageQuery, pageOf } from './common.js';

const Loose = z.record(z.string(), z.unknown());
const KycStatus = z.enum(['pending', 'in_progress', 'approved', 'rejected']);
const PayoutStatus = z.enum(['requested', 'approved', 'paid', 'rejected']);

export const KycStarted = z
  .object({ kycCaseId: z.string(), provider: z.string(), status: KycStatus, verificationUrl: z.string().nullable() })
  .openapi('KycStarted');
export const SubmitKycDocumentRequest = z
  .object({
    documentType: z.string().regex(/^[a-z_]{3,40}$/, 'e.g. passport, national_id, driving_license'),
    documentNumber: z.string().trim().min(3).max(64),
    issuingCountry: z.string().regex(/^[A-Za-z]{2}$/),
  })
  .strict();
export const KycDocumentSubmitted = z.object({ kycCaseId: z.string(), status: KycStatus }).openapi('KycDocumentSubmitted');
export const KycStatusView = z
  .object({
    required: z.boolean(),
    status: z.union([KycStatus, z.literal('not_started')]),
    kycCaseId: z.string().nullable(),
    provider: z.string().nullable(),
    attempt: z.number().int(),
    rejection: z.object({ kind: z.enum(['retry', 'final']), reasons: z.array(z.string()), at: Instant }).nullable(),
    canStart: z.boolean(),
    approvedAt: Instant.nullable(),
  })
  .openapi('KycStatus');

export const Agreement = z
  .object({ agreementId: z.string(), version: z.string(), title: z.string(), text: z.string(), textHash: z.string(), publishedAt: Instant })
  .openapi('Agreement');
export const SignAgreementRequest = z
  .object({ typedName: z.string().trim().min(3).max(200), agreementVersion: z.string().min(1).max(50), textHash: z.string().min(16).max(128) })
  .strict();
const ActivatedFundedAccount = Loose;
export const AgreementSigned = z
  .object({ signatureId: z.string(), agreementVersion: z.string(), signedAt: Instant, fundedAccounts: z.array(ActivatedFundedAccount) })
  .openapi('AgreementSigned');
export const SignatureParams = z.object({ signatureId: Id });
export const PdfFile = z.string().openapi({ format: 'binary' });

const MoneyJson = z.object({ amount: DecimalString, currency: z.string() });
export const Payout = z
  .looseObject({
    id: z.string(),
    number: z.number().int(),
    status: PayoutStatus,
    profit: MoneyJson,
    split: DecimalString,
    traderShare: MoneyJson,
    feeRefund: MoneyJson,
    compensation: MoneyJson,
    total: MoneyJson,
    requestedAt: Instant,
    requestedBy: z.string(),
    deadline: Instant,
    approvedAt: Instant.nullable(),
    approvedBy: z.string().nullable(),
    paidAt: Instant.nullable(),
    paidBy: z.string().nullable(),
    paymentReference: z.string().nullable(),
    rejectedAt: Instant.nullable(),
    rejectedBy: z.string().nullable(),
    rejectionReason: z.string().nullable(),
  })
  .openapi('Payout');
export const PayoutPage = pageOf(Payout, 'PayoutPage');
export const PayoutsQuery = PageQuery;

export const FundedAccount = z
  .looseObject({
    fundedAccountId: z.string(),
    challengeId: z.string(),
    modelId: z.string(),
    tradingAccountId: z.string(),
    status: z.string(),
    currency: z.string(),
    openedAt: Instant,
    allocation: MoneyJson,
    balance: MoneyJson,
    profit: MoneyJson,
    split: DecimalString,
    openPositions: z.number().int(),
    eligibility: Loose,
    payouts: z.array(Payout),
    scalings: z.array(Loose),
    nextReset: Instant,
  })
  .openapi('FundedAccount');
export const FundedAccountList = z.object({ items: z.array(FundedAccount) }).openapi('FundedAccountList');
export const FundedAccountParams = z.object({ fundedAccountId: Id });

export const Certificate = z
  .object({ id: z.string(), kind: z.string(), title: z.string(), traderName: z.string(), awardedAt: Instant, verificationUrl: z.string() })
  .openapi('Certificate');
export const CertificateList = z.object({ items: z.array(Certificate) }).openapi('CertificateList');
export const CertificateParams = z.object({ certificateId: z.string().min(1).max(200) });
export const CertificateVerification = z
  .looseObject({ valid: z.boolean(), certificateId: z.string() })
  .openapi('CertificateVerification');

export const KycWebhookParams = z.object({ provider: z.string().regex(/^[a-z_]{2,32}$/) });
export const KycWebhookAck = z
  .object({ received: z.literal(true), outcome: z.string(), kycCaseId: z.string().nullable().optional() })
  .openapi('KycWebhookAck');

// Admin
export const AdminKycQuery = PageQuery.extend({ status: KycStatus.default('in_progress') });
export const KycCasePage = pageOf(Loose.openapi('KycCase'), 'KycCasePage');
export const KycCaseParams = z.object({ kycCaseId: Id });
export const ReviewKycRequest = z
  .object({ decision: z.enum(['approve', 'reject_retry', 'reject_final']), reason: z.string().trim().min(3).max(1000).optional() })
  .strict();
export const KycReviewed = z
  .object({ kycCaseId: z.string(), status: KycStatus, fundedAccounts: z.array(ActivatedFundedAccount) })
  .openapi('KycReviewed');
export const AdminPayoutsQuery = PageQuery.extend({ status: PayoutStatus.optional() });
export const PayoutParams = z.object({ payoutId: Id });
export const RejectPayoutRequest = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
export const MarkPayoutPaidRequest = z.object({ paymentReference: z.string().trim().min(1).max(200) }).strict();
