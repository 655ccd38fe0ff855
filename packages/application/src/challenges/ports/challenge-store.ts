import type { Challenge, ChallengeEvent } from '@tradesense/domain';
import type { TransactionScope } from '../../ports/unit-of-work.js';
import type { ChallengeProvisioning } from './challenges-repositories.js';

/**
 * What the challenges context publishes for saving a challenge another
 * context changed (an order fulfilled or refunded, a trial ended, a funded
 * account opened): the challenge with everything its events imply, in the
 * caller's transaction, its phase's trading account opened or closed with it.
 */
export interface ChallengeStore {
  save(tx: TransactionScope, challenge: Challenge, at: Date, provisioning?: ChallengeProvisioning): Promise<ChallengeEvent[]>;
}
