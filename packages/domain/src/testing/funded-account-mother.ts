import { FundedAccount, type OpenFundedAccount } from '../funded/funded-account.js';
import type { PayoutTerms } from '../funded/payout-terms.js';
import { ProhibitedCountries } from '../kyc/prohibited-countries.js';
import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';
import { unwrap } from '../shared/result.js';
import { QA_INSTANT } from './qa-defaults.js';

/** The 2-Step payout terms (rule book §5): 80 % split, first payout after 21 days, then every 14, fee refunded with the first. */
export const STELLAR_2STEP_PAYOUT_TERMS: PayoutTerms = {
  split: Percent.of(80),
  firstPayoutDays: 21,
  cycleDays: 14,
  feeRefundOnPayoutNumber: 1,
};

/**
 * What `FundedAccount.open` needs (rule book §5): fa-1 of trader-1, funded
 * from challenge-1 on login 2001 with 100,000 under the 2-Step rules and
 * terms, approved KYC and a signed agreement from Germany, at `QA_INSTANT`.
 */
export function openFundedAccountInput(overrides: Partial<OpenFundedAccount> = {}): OpenFundedAccount {
  const initialBalance = overrides.initialBalance ?? Money.of(100_000);
  return {
    id: 'fa-1',
    traderId: 'trader-1',
    challengeId: 'challenge-1',
    modelId: 'stellar_2step',
    tradingAccountId: '2001',
    initialBalance,
    terms: STELLAR_2STEP_PAYOUT_TERMS,
    challengeFee: Money.of(449),
    kyc: { id: 'kyc-1', traderId: 'trader-1', status: 'approved', country: 'DE' },
    agreement: { id: 'signature-1', traderId: 'trader-1', agreementId: 'funded_trader', agreementVersion: '2026-01' },
    traderCountry: 'DE',
    prohibitedCountries: ProhibitedCountries.default(),
    at: QA_INSTANT,
    ...overrides,
  };
}

/** A funded account just opened, nothing pending. */
export function aFundedAccount(overrides: Partial<OpenFundedAccount> = {}): FundedAccount {
  const account = unwrap(FundedAccount.open(openFundedAccountInput(overrides)));
  account.pullEvents();
  return account;
}
