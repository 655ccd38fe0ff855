import { domainError, type ConsistencyCheck, type PayoutPeriod } from '@tradesense/domain';

/** Failures of the funding use cases that the domain aggregates do not name themselves. */
export const fundingErrors = {
  /** Also the answer for another trader's account: its existence is not disclosed. */
  fundedAccountNotFound: (fundedAccountId: string) =>
    domainError('FUNDED.NOT_FOUND', 'No such funded account', { fundedAccountId }),
  nothingToActivate: (traderId: string) =>
    domainError('FUNDED.NOTHING_TO_ACTIVATE', 'No passed challenge is waiting to be funded', { traderId }),
  activationInProgress: (challengeId: string) =>
    domainError('FUNDED.ACTIVATION_IN_PROGRESS', 'The funded account is being created; try again shortly', { challengeId }),
  kycNotRequired: () =>
    domainError('KYC.NOT_REQUIRED', 'Identity verification starts once the last phase of a challenge is passed'),
  kycCaseNotFound: (reference: string) => domainError('KYC.CASE_NOT_FOUND', 'No such KYC case', { reference }),
  manualReviewOnly: (provider: string) =>
    domainError('KYC.MANUAL_REVIEW_ONLY', 'This case is decided by its provider, not by an admin', { provider }),
  reasonRequired: (code: 'KYC.REASON_REQUIRED' | 'PAYOUT.REASON_REQUIRED') =>
    domainError(code, 'A reason is required'),
  paymentReferenceRequired: () => domainError('PAYOUT.PAYMENT_REFERENCE_REQUIRED', 'A payment reference is required'),
  agreementNotPublished: (agreementId: string) =>
    domainError('AGREEMENT.NOT_FOUND', 'The agreement has no published version', { agreementId }),
  signatureNotFound: (signatureId: string) =>
    domainError('AGREEMENT.NOT_FOUND', 'No such signed agreement', { signatureId }),
  agreementVersionOutdated: (presented: string, current: string) =>
    domainError('AGREEMENT.TEXT_CHANGED', 'The agreement text changed; read the current version and sign again', {
      agreementVersion: presented,
      currentVersion: current,
    }),
  fundedLoginNotFound: (login: string) => domainError('FUNDED.NOT_FOUND', 'No funded account trades on this login', { login }),
  verdictMismatch: (fundedAccountId: string, stored: string, replayed: string) =>
    domainError('FUNDED.VERDICT_MISMATCH', 'The reported breach does not match its inputs', { fundedAccountId, stored, replayed }),
  noVerdict: (fundedAccountId: string) =>
    domainError('FUNDED.NO_VERDICT', 'The funded account has no such stored breach verdict', { fundedAccountId }),
  certificateNotFound: (certificateId: string) =>
    domainError('CERTIFICATE.NOT_FOUND', 'No such certificate', { certificateId }),
  /**
   * The trading account holds less profit than the funded account recorded
   * (an unrecorded balance operation): withdrawing would take it below its
   * allocation, so the payout waits for reconciliation.
   */
  /** The best day of the payout period holds more than the consistency rule's share of the period's net profit (docs/rules.md §14). */
  consistencyNotMet: (check: ConsistencyCheck, period: PayoutPeriod) =>
    domainError('PAYOUT.CONSISTENCY_NOT_MET', `The best day holds more than ${check.percent}% of the period's profit`, {
      percent: check.percent,
      periodFrom: period.from,
      periodTo: period.to,
      bestDay: check.bestDay,
      bestDayProfit: check.bestDayProfit,
      totalProfit: check.totalProfit,
      totalNeeded: check.totalNeeded,
      stillNeeded: check.stillNeeded,
    }),
  balanceMismatch: (recorded: string, platform: string) =>
    domainError('PAYOUT.BALANCE_MISMATCH', 'The trading account balance does not match the funded account; support will reconcile it', {
      recordedBalance: recorded,
      platformBalance: platform,
    }),
};
