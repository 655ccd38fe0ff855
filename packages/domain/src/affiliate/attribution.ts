import type { ReferralCode } from './referral-code.js';

export const ATTRIBUTION_WINDOW_DAYS = 90;

export interface ReferralClick {
  readonly code: ReferralCode;
  readonly at: Date;
}

/**
 * Last-click attribution (section 11): the latest click at or before the
 * signup whose 90-day cookie has not expired (a click exactly 90 days before
 * has expired). Null when no click qualifies.
 */
export function attributeSignup(
  clicks: readonly ReferralClick[],
  signupAt: Date,
  windowDays: number = ATTRIBUTION_WINDOW_DAYS,
): ReferralCode | null {
  const windowMs = windowDays * 86_400_000;
  let winner: ReferralClick | null = null;
  for (const click of clicks) {
    const age = signupAt.getTime() - click.at.getTime();
    if (age < 0 || age >= windowMs) continue;
    if (winner === null || click.at >= winner.at) winner = click;
  }
  return winner?.code ?? null;
}

/** When the attribution cookie set by a click expires. */
export function attributionExpiresAt(click: ReferralClick, windowDays: number = ATTRIBUTION_WINDOW_DAYS): Date {
  return new Date(click.at.getTime() + windowDays * 86_400_000);
}
