import { ReferralCode, attributionExpiresAt, err, ok, ATTRIBUTION_WINDOW_DAYS, type DomainError, type Result } from '@tradesense/domain';
import { Buffer } from 'node:buffer';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { communityErrors } from '../community-errors.js';

export interface TrackReferralClickOutput {
  /** The normalised referral code clicked. */
  readonly code: string;
  /**
   * Value of the attribution cookie: an unguessable click token, so the click
   * time and affiliate cannot be forged by editing the cookie. Setting it
   * over an older one is what makes the last click win.
   */
  readonly cookieValue: string;
  readonly expiresAt: Date;
  readonly maxAgeSeconds: number;
}

/** Records a click on a referral link and hands out the 90-day attribution cookie. */
export class TrackReferralClick {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: { code: string }): Promise<Result<TrackReferralClickOutput, DomainError>> {
    const code = ReferralCode.parse(input.code);
    if (!code.ok) return code;
    const clickedAt = this.clock.now();
    return this.uow.run(async (tx) => {
      const affiliate = await tx.affiliates.findByCode(code.value.value);
      if (!affiliate) return err(communityErrors.affiliateNotFound({ code: code.value.value }));
      const token = Buffer.from(this.ids.randomBytes(18)).toString('base64url');
      await tx.affiliateClicks.add({ token, affiliateId: affiliate.id, clickedAt });
      return ok({
        code: affiliate.code,
        cookieValue: token,
        expiresAt: attributionExpiresAt({ code: code.value, at: clickedAt }),
        maxAgeSeconds: ATTRIBUTION_WINDOW_DAYS * 86_400,
      });
    });
  }
}
