import type { Decimal } from 'decimal.js';
import type {
  AgreementSignature,
  AgreementVersion,
  CertificateRecord,
  FundedAccount,
  KycCase,
  KycStatus,
  PayoutStatus,
  PayoutView,
  TraderCertificates,
} from '@tradesense/domain';
import type { TradingLogin } from '../../ports/trading-platform.js';
import type { CursorPage, PageRequest } from '../../shared-kernel/cursor-page.js';
import type { LoadOptions } from '../../shared-kernel/load-options.js';

export interface KycCaseRepository {
  findById(id: string, options?: LoadOptions): Promise<KycCase | null>;
  /** A trader has at most one case: a retry rejection reopens it, a final one closes it for good. */
  findByTrader(traderId: string, options?: LoadOptions): Promise<KycCase | null>;
  findByApplicant(provider: string, applicantId: string, options?: LoadOptions): Promise<KycCase | null>;
  /** Cases in one status, oldest update first (the manual review queue). */
  listByStatus(status: KycStatus, page: PageRequest): Promise<CursorPage<KycCase>>;
  /** Inserts or updates; a stale version fails with ConcurrencyConflict. */
  save(kyc: KycCase): Promise<void>;
}

export interface AgreementVersionRepository {
  /** The latest published version of an agreement. */
  current(agreementId: string): Promise<AgreementVersion | null>;
  find(agreementId: string, version: string): Promise<AgreementVersion | null>;
  /** Publishes a version; false when that (agreement, version) already exists. */
  publish(version: AgreementVersion): Promise<boolean>;
}

export interface AgreementSignatureRepository {
  findById(id: string): Promise<AgreementSignature | null>;
  /** The trader's latest signature of the agreement, any version. */
  findLatestByTrader(traderId: string, agreementId: string): Promise<AgreementSignature | null>;
  /** Stores a new signature with its signed copy (signatures are never changed). */
  add(signature: AgreementSignature, signedPdf: Uint8Array): Promise<void>;
  signedPdf(signatureId: string): Promise<{ readonly traderId: string; readonly pdf: Uint8Array } | null>;
}

export interface FundedAccountRepository {
  findById(id: string, options?: LoadOptions): Promise<FundedAccount | null>;
  findByChallengeId(challengeId: string): Promise<FundedAccount | null>;
  findByPayoutId(payoutId: string, options?: LoadOptions): Promise<FundedAccount | null>;
  /** The funded account trading on a platform login. */
  findByLogin(login: TradingLogin, options?: LoadOptions): Promise<FundedAccount | null>;
  /** A trader's funded accounts, oldest first. */
  listByTrader(traderId: string): Promise<FundedAccount[]>;
  /** Funded accounts that are `active`, ordered by id, `after` the given id. */
  listActive(page: { readonly after?: string | null; readonly limit: number }): Promise<FundedAccount[]>;
  /** Inserts or updates (payouts included); a stale version fails with ConcurrencyConflict. */
  save(account: FundedAccount): Promise<void>;
}

/** A payout with the account it belongs to (list views). */
export interface PayoutListItem extends PayoutView {
  readonly fundedAccountId: string;
  readonly traderId: string;
  readonly tradingAccountId: TradingLogin;
  readonly currency: string;
}

export interface PayoutFilter extends PageRequest {
  readonly traderId?: string;
  readonly status?: PayoutStatus;
}

export interface PayoutQueryRepository {
  /** Payouts matching the filter, newest request first. */
  list(filter: PayoutFilter): Promise<CursorPage<PayoutListItem>>;
  /** Payouts still `requested` or `approved` whose deadline passed before `at` and that have no compensation entry. */
  listOverdueWithoutCompensation(at: Date, limit: number): Promise<PayoutListItem[]>;
}

export type CompensationCause = 'paid_late' | 'unpaid_at_deadline';

export interface PayoutCompensation {
  readonly payoutId: string;
  readonly fundedAccountId: string;
  readonly traderId: string;
  readonly currency: string;
  readonly amount: Decimal;
  readonly cause: CompensationCause;
  readonly grantedAt: Date;
}

/** The 24-hour guarantee ledger: one entry per payout at most. */
export interface PayoutCompensationRepository {
  /** Records the entry; false when the payout already has one. */
  grant(entry: PayoutCompensation): Promise<boolean>;
  find(payoutId: string): Promise<PayoutCompensation | null>;
}

/** The funded trading account as the platform returned it; passwords kept only until the trader was sent them. */
export interface FundedTradingAccount {
  readonly login: TradingLogin;
  readonly group: string;
  readonly password: string | null;
  readonly investorPassword: string | null;
}

/**
 * The right to create the funded trading account of one passed challenge.
 * Claimed before the platform is asked for an account and filled with the
 * account the moment it returns, so two activations never create two
 * accounts and a retry after a crash reuses the one already created.
 */
export interface FundedActivation {
  readonly challengeId: string;
  /** Fixed at the first claim, so every retry builds the same funded account. */
  readonly fundedAccountId: string;
  readonly traderId: string;
  readonly account: FundedTradingAccount | null;
  /** Until when the claimant is presumed alive; after it, another attempt may take over. */
  readonly leaseUntil: Date;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

export interface FundedActivationRepository {
  /**
   * Claims the challenge's activation unless a live claim exists. `claimed`
   * is true when the caller now holds it (new, or taken over after the lease
   * ran out); the record is returned either way.
   */
  claim(input: {
    challengeId: string;
    fundedAccountId: string;
    traderId: string;
    at: Date;
    leaseUntil: Date;
  }): Promise<{ claimed: boolean; activation: FundedActivation }>;
  find(challengeId: string): Promise<FundedActivation | null>;
  /** Records the created account once; false when one was already recorded. */
  recordAccount(challengeId: string, account: FundedTradingAccount): Promise<boolean>;
  /** Ends the lease now (the platform refused), so a retry may claim at once. */
  release(challengeId: string, at: Date): Promise<void>;
  /** Marks the activation done and forgets the passwords. */
  complete(challengeId: string, at: Date): Promise<void>;
}

export type FundedBalanceOperationKind = 'payout_withdrawal' | 'payout_reversal' | 'scaling_deposit';

/** A balance operation booked on a funded trading account, keyed by its client operation id. */
export interface FundedBalanceOperation {
  readonly clientOperationId: string;
  readonly fundedAccountId: string;
  readonly login: TradingLogin;
  readonly kind: FundedBalanceOperationKind;
  /** Signed amount booked on the account. */
  readonly amount: Decimal;
  readonly dealId: string;
  readonly bookedAt: Date;
}

export interface FundedBalanceOperationRepository {
  /** Records the booking; a repeat of the same client operation id is ignored. */
  record(operation: FundedBalanceOperation): Promise<void>;
  listByAccount(fundedAccountId: string): Promise<FundedBalanceOperation[]>;
}

/** A position of a funded account as the deal feed has seen it so far. */
export interface TrackedPosition {
  /** Lots still open. */
  readonly volume: Decimal;
  /** Commission and swap booked by the opening deals, carried into the net result at close. */
  readonly carried: Decimal;
}

/** How far the deal feed of one funded account was read. */
export interface FundedDealCursor {
  readonly fundedAccountId: string;
  readonly lastDealId: string | null;
  readonly positions: ReadonlyMap<string, TrackedPosition>;
}

export interface FundedDealCursorRepository {
  find(fundedAccountId: string): Promise<FundedDealCursor | null>;
  /** Locks (creating) the account's cursor row for this transaction, so one feed runs at a time. */
  lock(fundedAccountId: string): Promise<FundedDealCursor>;
  save(cursor: FundedDealCursor, at: Date): Promise<void>;
}

/** One stored certificate and whose it is. */
export interface StoredCertificate {
  readonly traderId: string;
  readonly record: CertificateRecord;
}

export interface TraderCertificatesRepository {
  findByTrader(traderId: string, options?: LoadOptions): Promise<TraderCertificates | null>;
  /** Inserts or updates the trader's certificates; a stale version fails with ConcurrencyConflict. */
  save(certificates: TraderCertificates): Promise<void>;
  /** Stores the rendered PDF of one awarded certificate. */
  storePdf(certificateId: string, pdf: Uint8Array): Promise<void>;
  findCertificate(certificateId: string): Promise<StoredCertificate | null>;
  pdf(certificateId: string): Promise<{ readonly traderId: string; readonly pdf: Uint8Array } | null>;
}

/** Repositories of the funding context, bound to the unit of work's transaction. */
export interface FundingRepositories {
  readonly kycCases: KycCaseRepository;
  readonly agreementVersions: AgreementVersionRepository;
  readonly agreementSignatures: AgreementSignatureRepository;
  readonly fundedAccounts: FundedAccountRepository;
  readonly payouts: PayoutQueryRepository;
  readonly payoutCompensations: PayoutCompensationRepository;
  readonly fundedActivations: FundedActivationRepository;
  readonly fundedBalanceOperations: FundedBalanceOperationRepository;
  readonly fundedDealCursors: FundedDealCursorRepository;
  readonly traderCertificates: TraderCertificatesRepository;
}

// This context's repositories join every transaction (see `ContextRepositories`).
declare module '../../ports/unit-of-work.js' {
  interface ContextRepositories extends FundingRepositories {}
}
