import { Challenge, type CreateChallenge } from '../challenge/challenge.js';
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

/** A challenge paid and active in phase 1 on trading account `account` (default login 1001), nothing pending. */
export function anActiveChallenge(overrides: Partial<CreateChallenge> & { readonly account?: string } = {}): Challenge {
  const { account = '1001', ...input } = overrides;
  const challenge = aChallenge(input);
  unwrap(challenge.activate(account, input.at ?? QA_INSTANT));
  challenge.pullEvents();
  return challenge;
}
