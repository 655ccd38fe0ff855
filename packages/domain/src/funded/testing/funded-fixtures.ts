import { DEFAULT_CALENDAR_SETTINGS, TradingCalendar } from '../../calendar/trading-calendar.js';
import { ChallengeModel } from '../../catalog/challenge-model.js';
import { RuleSnapshot } from '../../catalog/rule-snapshot.js';
import { STELLAR_2STEP } from '../../catalog/stellar-models.js';
import { ProhibitedCountries } from '../../kyc/prohibited-countries.js';
import { Money } from '../../money/money.js';
import { Percent } from '../../money/percent.js';
import { unwrap } from '../../shared/result.js';
import { FundedAccount, type OpenFundedAccount } from '../funded-account.js';
import type { PayoutTerms } from '../payout-terms.js';

export const calendar = new TradingCalendar();

export const twoStepTerms: PayoutTerms = {
  split: Percent.of(80),
  firstPayoutDays: 21,
  cycleDays: 14,
  feeRefundOnPayoutNumber: 1,
};

export const liteTerms: PayoutTerms = { ...twoStepTerms, feeRefundOnPayoutNumber: 3 };

/** Monday 2026-01-05 10:00 New York: trading day 2026-01-05. */
export const FUNDED_AT = new Date('2026-01-05T15:00:00Z');

/** The 2-Step rules frozen for a challenge of `balance` (the rules a funded account inherits). */
export function fundedRules(balance: Money = Money.of(100_000)): RuleSnapshot {
  return unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), balance.amount, DEFAULT_CALENDAR_SETTINGS));
}

export function openInput(overrides: Partial<OpenFundedAccount> = {}): OpenFundedAccount {
  return {
    id: 'fa-1',
    traderId: 'trader-1',
    challengeId: 'ch-1',
    modelId: 'stellar_2step',
    tradingAccountId: 'mt-1001',
    initialBalance: Money.of(100_000),
    terms: twoStepTerms,
    challengeFee: Money.of(449),
    kyc: { id: 'kyc-1', traderId: 'trader-1', status: 'approved', country: 'DE' },
    agreement: { id: 'sig-1', traderId: 'trader-1', agreementId: 'funded_trader', agreementVersion: '2026-01' },
    traderCountry: 'DE',
    prohibitedCountries: ProhibitedCountries.default(),
    at: FUNDED_AT,
    ...overrides,
  };
}

export function openAccount(overrides: Partial<OpenFundedAccount> = {}): FundedAccount {
  const account = unwrap(FundedAccount.open(openInput(overrides)));
  account.pullEvents();
  return account;
}

let position = 0;
/** Opens and closes one position for `pnl` at `at`. */
export function trade(account: FundedAccount, pnl: string, at: Date): void {
  const positionId = `pos-${++position}`;
  unwrap(account.recordPositionOpened({ positionId, at }));
  unwrap(account.recordPositionClosed({ positionId, netProfit: Money.of(pnl, account.currency), at }, calendar));
}
