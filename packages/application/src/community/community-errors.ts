import { domainError } from '@tradesense/domain';
import { sharedErrors } from '../shared-kernel/shared-errors.js';

/** Refusals of the community use cases that the domain does not name itself. */
export const communityErrors = {
  forbidden: sharedErrors.forbidden,
  competitionNotFound: (competitionId: string) =>
    domainError('COMPETITION.NOT_FOUND', 'No such competition', { competitionId }),
  invalidCompetitionSettings: (field: string, value: unknown) =>
    domainError('COMPETITION.INVALID_SETTINGS', `Competition setting ${field} is invalid`, { field, value }),
  entryNotFound: (competitionId: string) =>
    domainError('COMPETITION.ENTRY_NOT_FOUND', 'You have no entry in this competition', { competitionId }),
  reasonRequired: () => domainError('COMPETITION.REASON_REQUIRED', 'A disqualification needs a reason'),
  notACompetitionAccount: (login: string) =>
    domainError('COMPETITION.ACCOUNT_NOT_FOUND', 'The trading account belongs to no competition entry', { login }),
  affiliateNotFound: (details: Record<string, unknown>) => domainError('AFFILIATE.NOT_FOUND', 'No such affiliate', details),
  alreadyAffiliate: (userId: string) =>
    domainError('AFFILIATE.ALREADY_REGISTERED', 'The user is already an affiliate', { userId }),
  attributionNotFound: () => domainError('AFFILIATE.ATTRIBUTION_NOT_FOUND', 'The referral cookie is not known'),
  attributionExpired: (clickedAt: Date, signedUpAt: Date) =>
    domainError('AFFILIATE.ATTRIBUTION_EXPIRED', 'The signup is outside the attribution window of the click', {
      clickedAt: clickedAt.toISOString(),
      signedUpAt: signedUpAt.toISOString(),
    }),
  alreadyReferred: (userId: string) =>
    domainError('AFFILIATE.ALREADY_REFERRED', 'The user was already referred by another affiliate', { userId }),
  invalidOrderAmount: (amount: unknown) =>
    domainError('AFFILIATE.INVALID_AMOUNT', 'The order amount is not a decimal amount', { amount }),
  codeSpaceExhausted: () =>
    domainError('AFFILIATE.CODE_UNAVAILABLE', 'No free referral code was found; try again'),
  invalidAuditCursor: (cursor: string) => domainError('AUDIT.INVALID_CURSOR', 'The audit log cursor is not valid', { cursor }),
};
