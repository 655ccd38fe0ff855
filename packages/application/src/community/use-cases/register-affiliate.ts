import {
  Affiliate,
  DomainError,
  ReferralCode,
  err,
  ok,
  type Result,
  type TradingCalendar,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { communityErrors } from '../community-errors.js';

/** Bytes of entropy per referral code (the code keeps 40 bits). */
const CODE_BYTES = 5;
const CODE_ATTEMPTS = 5;

export interface RegisterAffiliateOutput {
  readonly affiliateId: string;
  readonly code: string;
  readonly tierId: string;
}

/**
 * Makes a user an affiliate at the lowest tier with a referral code drawn
 * from random bytes (unguessable, case-insensitive); a code already taken is
 * drawn again.
 */
export class RegisterAffiliate {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
  ) {}

  async execute(input: { userId: string }): Promise<Result<RegisterAffiliateOutput, DomainError>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.register(input.userId);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // The same user registered in a concurrent transaction.
        if (error.code === 'AFFILIATE.ALREADY_REGISTERED') return err(communityErrors.alreadyAffiliate(input.userId));
        // A concurrent registration took the same code between our check and our insert.
        if (error.code !== 'AFFILIATE.CODE_TAKEN' || attempt >= CODE_ATTEMPTS) throw error;
      }
    }
  }

  private register(userId: string): Promise<Result<RegisterAffiliateOutput, DomainError>> {
    return this.uow.run(async (tx) => {
      const at = this.clock.now();
      const user = await tx.users.findById(userId);
      if (!user) return err(sharedErrors.userNotFound(userId));
      if (await tx.affiliates.findByUserId(userId)) return err(communityErrors.alreadyAffiliate(userId));
      let code: ReferralCode | null = null;
      for (let i = 0; i < CODE_ATTEMPTS && code === null; i++) {
        const drawn = ReferralCode.fromEntropy(this.ids.randomBytes(CODE_BYTES));
        if (!drawn.ok) return drawn;
        if (!(await tx.affiliates.findByCode(drawn.value.value))) code = drawn.value;
      }
      if (code === null) return err(communityErrors.codeSpaceExhausted());
      const tiers = await tx.affiliateTiers.table();
      const affiliate = Affiliate.register({ id: this.ids.newId(), userId, email: user.email, code, at }, this.calendar, tiers);
      await tx.affiliates.save(affiliate);
      await tx.outbox.add(eventsToOutbox('affiliate', affiliate.pullEvents()));
      return ok({ affiliateId: affiliate.id, code: affiliate.code, tierId: affiliate.tierId });
    });
  }
}
