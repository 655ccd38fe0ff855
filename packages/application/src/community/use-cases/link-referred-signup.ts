import { AffiliateErrorCode, DomainError, ReferralCode, attributeSignup, err, ok, unwrap, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { communityErrors } from '../community-errors.js';

export interface LinkReferredSignupInput {
  /** The user who just signed up. */
  readonly userId: string;
  /** The attribution cookie's value (from `trackClick`). */
  readonly cookieValue: string;
}

/**
 * Links a new user to the affiliate of the last click, when the signup falls
 * inside that click's 90-day window. A user is referred once: linking again
 * to the same affiliate changes nothing, to another one is refused.
 */
export class LinkReferredSignup {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: LinkReferredSignupInput): Promise<Result<{ linked: true }, DomainError>> {
    try {
      return await this.link(input);
    } catch (error) {
      // Another affiliate linked the same user in a concurrent transaction.
      if (error instanceof DomainError && error.code === AffiliateErrorCode.ALREADY_REFERRED) {
        return err(communityErrors.alreadyReferred(input.userId));
      }
      throw error;
    }
  }

  private link(input: LinkReferredSignupInput): Promise<Result<{ linked: true }, DomainError>> {
    return retryOnConflict(() =>
      this.uow.run(async (tx) => {
        const click = await tx.affiliateClicks.findByToken(input.cookieValue);
        if (!click) return err(communityErrors.attributionNotFound());
        const user = await tx.users.findById(input.userId);
        if (!user) return err(sharedErrors.userNotFound(input.userId));
        const signedUpAt = user.toState().createdAt;
        const code = unwrap(ReferralCode.parse(click.code));
        if (attributeSignup([{ code, at: click.clickedAt }], signedUpAt) === null) {
          return err(communityErrors.attributionExpired(click.clickedAt, signedUpAt));
        }
        const current = await tx.affiliates.findByReferredUser(user.id);
        if (current && current.id !== click.affiliateId) return err(communityErrors.alreadyReferred(user.id));
        const affiliate = current ?? (await tx.affiliates.findById(click.affiliateId));
        if (!affiliate) return err(communityErrors.affiliateNotFound({ affiliateId: click.affiliateId }));
        const linked = affiliate.linkSignup({ referredUserId: user.id, referredEmail: user.email, at: signedUpAt });
        if (!linked.ok) return linked;
        await tx.affiliates.save(affiliate);
        await tx.outbox.add(eventsToOutbox('affiliate', affiliate.pullEvents()));
        return ok({ linked: true as const });
      }),
    );
  }
}
