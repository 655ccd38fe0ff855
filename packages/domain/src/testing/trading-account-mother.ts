import { TradingAccount, type OpenTradingAccount } from '../trading-account/trading-account.js';
import { unwrap } from '../shared/result.js';
import { QA_INSTANT, stellarTwoStepRules } from './qa-defaults.js';

/**
 * What `TradingAccount.open` needs, with sensible defaults: login 1001 of
 * trader-1, phase 1 of challenge-1's first attempt, the 2-Step rules for
 * 100,000, opened at `QA_INSTANT`. Every field can be overridden.
 */
export function openTradingAccountInput(overrides: Partial<OpenTradingAccount> = {}): OpenTradingAccount {
  return {
    login: '1001',
    traderId: 'trader-1',
    owner: { kind: 'challenge_phase', id: 'challenge-1', phase: 1, attempt: 1 },
    rules: stellarTwoStepRules(),
    at: QA_INSTANT,
    ...overrides,
  };
}

/** A freshly opened trading account (rule book §4), its opening event already taken: nothing pending. */
export function aTradingAccount(overrides: Partial<OpenTradingAccount> = {}): TradingAccount {
  const account = unwrap(TradingAccount.open(openTradingAccountInput(overrides)));
  account.pullEvents();
  return account;
}
