import { Affiliate } from '../affiliate/affiliate.js';
import { AffiliateTierTable } from '../affiliate/affiliate-tiers.js';
import { ReferralCode } from '../affiliate/referral-code.js';
import { TradingCalendar } from '../calendar/trading-calendar.js';
import { unwrap } from '../shared/result.js';
import { QA_INSTANT } from './qa-defaults.js';

export type RegisterAffiliate = Parameters<typeof Affiliate.register>[0];

/** The registration, the calendar that names its months and the tier table (rule book §11). */
export interface AffiliateOverrides extends Partial<RegisterAffiliate> {
  readonly calendar?: TradingCalendar;
  readonly tiers?: AffiliateTierTable;
}

/** A fixed referral code: the kit never draws random bytes itself. */
export const QA_REFERRAL_CODE = unwrap(ReferralCode.fromEntropy(new Uint8Array([1, 2, 3, 4, 5])));

/** What `Affiliate.register` needs: affiliate-1 of user-1 in USD, with `QA_REFERRAL_CODE`, at `QA_INSTANT`. */
export function registerAffiliateInput(overrides: Partial<RegisterAffiliate> = {}): RegisterAffiliate {
  return { id: 'affiliate-1', userId: 'user-1', email: 'affiliate@example.com', code: QA_REFERRAL_CODE, currency: 'USD', at: QA_INSTANT, ...overrides };
}

/** An affiliate just registered at the floor tier of the default table, under the firm's default calendar; nothing pending. */
export function anAffiliate(overrides: AffiliateOverrides = {}): Affiliate {
  const { calendar = new TradingCalendar(), tiers = AffiliateTierTable.default(), ...input } = overrides;
  const affiliate = Affiliate.register(registerAffiliateInput(input), calendar, tiers);
  affiliate.pullEvents();
  return affiliate;
}
