import type { LocalDate } from '../calendar/local-date.js';
import {
  Challenge,
  type CreateChallenge,
  type TradingActivity,
  type TradingDayStart,
} from '../challenge/challenge.js';
import { unwrap } from '../shared/result.js';
import { QA_INSTANT, stellarTwoStepRules } from './qa-defaults.js';

/** What `Challenge.create` needs (rule book §3): challenge-1 of trader-1 on the 2-Step 100,000 rules, at `QA_INSTANT`. */
export function createChallengeInput(overrides: Partial<CreateChallenge> = {}): CreateChallenge {
  return { id: 'challenge-1', traderId: 'trader-1', rules: stellarTwoStepRules(), trial: false, at: QA_INSTANT, ...overrides };
}

/** A challenge awaiting payment, nothing pending. */
export function aChallenge(overrides: Partial<CreateChallenge> = {}): Challenge {
  const challenge = Challenge.create(createChallengeInput(overrides));
  challenge.pullEvents();
  return challenge;
}

/**
 * A challenge paid and active in phase 1 on trading account `account`
 * (default login 1001), nothing pending. The account watches the loss
 * limits (rule book §4); the challenge reacts to its events
 * (`recordTradingActivity`, `recordTradingDayStarted`, `failOnBreach`,
 * `reinstateAfterOverride`).
 */
export function anActiveChallenge(overrides: Partial<CreateChallenge> & { readonly account?: string } = {}): Challenge {
  const { account = '1001', ...input } = overrides;
  const challenge = aChallenge(input);
  unwrap(challenge.activate(account, input.at ?? QA_INSTANT));
  challenge.pullEvents();
  return challenge;
}

/** The same as `anActiveChallenge`: every active challenge reacts to its phase's trading account. */
export const anActiveChallengeOnItsTradingAccount = anActiveChallenge;

/**
 * A deal on the challenge's current trading account as its
 * `TradingAccountDealRecorded` reports it: an opening deal at `QA_INSTANT`,
 * the balance at the initial one, nothing else open. The trading day follows
 * `at` on the challenge's calendar.
 */
export function tradingActivityOf(challenge: Challenge, overrides: Partial<TradingActivity> = {}): TradingActivity {
  const at = overrides.at ?? QA_INSTANT;
  return {
    account: challenge.account ?? '1001',
    action: 'open',
    at,
    tradingDay: challenge.rules.calendar.tradingDayOf(at),
    balance: challenge.rules.initialBalance.amount,
    openPositions: overrides.action === 'close' ? 0 : 1,
    ...overrides,
  };
}

/**
 * The start of trading day `day` on the challenge's current trading account,
 * as its `TradingDayRolled` reports it: at the day's reset instant, the
 * balance at the initial one, no position open.
 */
export function tradingDayStartOf(challenge: Challenge, day: LocalDate, overrides: Partial<TradingDayStart> = {}): TradingDayStart {
  return {
    account: challenge.account ?? '1001',
    day,
    at: challenge.rules.calendar.startOf(day),
    balance: challenge.rules.initialBalance.amount,
    openPositions: 0,
    ...overrides,
  };
}
