import { token, type Token } from './token.js';
import type { IgnoredNotice, WebhookRequest } from './webhook.js';

export type KycProviderId = 'sumsub' | 'manual';

export interface StartVerificationRequest {
  readonly caseId: string;
  /** The trader; sent to the provider as its external user id, so a second start finds the same applicant. */
  readonly userId: string;
  readonly email: string;
  /** Declared country of residence, ISO 3166-1 alpha-2, when known. */
  readonly country: string | null;
}

export interface VerificationStart {
  /** Store it on the case (`KycCase.startVerification({ applicantId })`): events name the applicant, not the case. */
  readonly providerApplicantId: string;
  /** Where the trader completes the verification; null for the manual review (documents go through the platform). */
  readonly verificationUrl: string | null;
}

/** Where the provider's review stands, in the rule book's terms (section 8). */
export type KycDecision = 'approved' | 'rejected_retry' | 'rejected_final' | 'in_progress';

/**
 * A verified review outcome. The consumer de-duplicates on
 * (`provider`, `providerEventId`), finds the case by `providerApplicantId`,
 * and applies `decision` to it.
 */
export interface KycDecisionEvent {
  readonly provider: KycProviderId;
  /** Stable across re-deliveries of the same notification. */
  readonly providerEventId: string;
  readonly providerApplicantId: string;
  /** The trader id given at start (the provider's external user id), when the provider echoes it. */
  readonly userId: string | null;
  readonly decision: KycDecision;
  /** The provider's reason codes for a rejection (e.g. Sumsub `rejectLabels`); empty otherwise. */
  readonly reasons: readonly string[];
  /** The reviewer's note for the trader, when there is one. */
  readonly comment: string | null;
  readonly occurredAt: Date;
  /** The provider's own event type, e.g. `applicantReviewed`. */
  readonly rawType: string;
}

export type KycNotice = { readonly outcome: 'event'; readonly event: KycDecisionEvent } | IgnoredNotice;

/** The identity document the provider read, with its number already reduced to a keyed hash. */
export interface VerifiedDocument {
  /** e.g. passport, national_id, driving_license. */
  readonly type: string;
  /** Issuing country, ISO 3166-1 alpha-2, when the provider reports one it can name. */
  readonly country: string | null;
  /** `DocumentNumberHasher` output (hex); the raw number never leaves the adapter. */
  readonly numberHash: string | null;
}

export interface KycApplicantStatus {
  readonly providerApplicantId: string;
  readonly decision: KycDecision;
  readonly reasons: readonly string[];
  readonly comment: string | null;
  readonly document: VerifiedDocument | null;
}

/**
 * Identity verification behind a port: Sumsub (signed requests, verified
 * webhooks) or the built-in manual review, where an admin decides through the
 * platform and the provider makes no external call. Operation failures throw
 * `KycProviderError`; webhooks that fail verification throw `WebhookError`.
 */
export interface KycProvider {
  readonly id: KycProviderId;
  /** Creates (or finds again) the applicant and a link for the trader. */
  startVerification(request: StartVerificationRequest): Promise<VerificationStart>;
  /** Verifies and normalises one notification. The manual provider refuses every one (`WEBHOOK.NOT_SUPPORTED`). */
  parseWebhook(request: WebhookRequest): Promise<KycNotice>;
  /** Reads the provider's current verdict (reconciliation when a webhook was missed). Absent on the manual provider. */
  applicantStatus?(providerApplicantId: string): Promise<KycApplicantStatus>;
}

/**
 * Document numbers are stored only as a keyed hash (rule book section 8).
 * The same document always hashes the same under one key, so a document used
 * by two accounts can be spotted without keeping the number.
 */
export interface DocumentNumberHasher {
  /** Hex digest of the normalised number (case, blanks and dashes ignored) and its issuing country. */
  hash(documentNumber: string, issuingCountry: string): string;
}

export type KycProviderErrorCode =
  /** The provider refused the request (4xx); retrying the same request will not help. */
  | 'KYC.PROVIDER_REJECTED'
  /** The provider could not be reached or failed (network, 5xx); retry later. */
  | 'KYC.PROVIDER_UNAVAILABLE';

export class KycProviderError extends Error {
  override readonly name = 'KycProviderError';

  constructor(
    readonly code: KycProviderErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isKycProviderError = (error: unknown, code?: KycProviderErrorCode): error is KycProviderError =>
  error instanceof KycProviderError && (code === undefined || error.code === code);

export const KYC_PROVIDER: Token<KycProvider> = token<KycProvider>('KycProvider');
export const DOCUMENT_NUMBER_HASHER: Token<DocumentNumberHasher> = token<DocumentNumberHasher>('DocumentNumberHasher');
