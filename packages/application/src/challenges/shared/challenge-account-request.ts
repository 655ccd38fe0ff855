import type { Challenge, User } from '@tradesense/domain';
import type { CreateTradingAccountRequest } from '../../ports/trading-platform.js';
import { challengeAccountGroup } from '../../shared-kernel/trading-group.js';

/**
 * The trading account of one phase: the frozen initial balance and leverage
 * of the rule snapshot, so every phase starts from the same figures, in the
 * same group family the purchase used for phase 1.
 */
export function challengeAccountRequest(
  challenge: Challenge,
  phase: number,
  trader: User,
  swapFree: boolean,
): CreateTradingAccountRequest {
  const state = trader.toState();
  return {
    group: challengeAccountGroup({ modelId: challenge.rules.modelId, phase, trial: challenge.trial }),
    leverage: challenge.rules.parameters.leverage,
    initialBalance: challenge.rules.initialBalance.amount,
    swapFree,
    name: state.displayName ?? state.email,
    email: state.email,
    country: state.country,
  };
}

/** One trading account per phase of each attempt: the provisioning claim's key. */
export const phaseAccountKey = (challengeId: string, attempt: number, phase: number): string =>
  `challenge:${challengeId}:attempt:${attempt}:phase:${phase}`;
