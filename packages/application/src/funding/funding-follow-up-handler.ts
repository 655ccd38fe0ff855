import type { OutboxHandler } from '../ports/outbox-handler.js';
import type { StoredOutboxMessage } from '../ports/outbox.js';
import { settleFollowUp } from '../shared/settle-follow-up.js';
import type { ActivateFundedAccount } from './use-cases/activate-funded-account.js';
import type { AwardCertificates } from './use-cases/award-certificates.js';
import type { ReviewScaling } from './use-cases/review-scaling.js';

/**
 * Refusals that settle a follow-up for good: retrying would get the same
 * answer (nothing left to fund, the trader cannot be funded, the account is
 * gone or no longer active). Anything else (platform down, an activation in
 * progress elsewhere) is thrown, so the dispatcher retries with backoff.
 */
const SETTLED = new Set([
  'FUNDED.NOTHING_TO_ACTIVATE',
  'FUNDED.KYC_NOT_APPROVED',
  'FUNDED.AGREEMENT_NOT_SIGNED',
  'KYC.PROHIBITED_COUNTRY',
  'USER.NOT_FOUND',
  'FUNDED.NOT_FOUND',
  'FUNDED.NOT_ACTIVE',
]);

/**
 * Delivers the funding follow-ups written to the outbox with the change that
 * made them due: funding a trader whose KYC and agreement are now both in
 * place, and the scaling and certificate reviews after a paid payout. The
 * use cases run them right after commit too; this handler makes sure they
 * happen when that attempt failed. Each is idempotent.
 */
export class FundingFollowUpHandler implements OutboxHandler {
  readonly topics = ['funding.activation_due', 'funding.review_scaling', 'funding.award_certificates'] as const;

  constructor(
    private readonly useCases: {
      readonly activateFundedAccount: ActivateFundedAccount;
      readonly reviewScaling: ReviewScaling;
      readonly awardCertificates: AwardCertificates;
    },
  ) {}

  async handle(message: StoredOutboxMessage): Promise<void> {
    const payload = message.payload as { userId?: string; fundedAccountId?: string };
    switch (message.topic) {
      case 'funding.activation_due':
        return settleFollowUp(await this.useCases.activateFundedAccount.execute({ userId: String(payload.userId) }), SETTLED);
      case 'funding.review_scaling':
        return settleFollowUp(await this.useCases.reviewScaling.execute({ fundedAccountId: String(payload.fundedAccountId) }), SETTLED);
      case 'funding.award_certificates':
        return settleFollowUp(await this.useCases.awardCertificates.execute({ userId: String(payload.userId) }), SETTLED);
      default:
        throw new Error(`FundingFollowUpHandler does not handle ${message.topic}`);
    }
  }
}
