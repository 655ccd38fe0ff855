import { DEFAULT_CALENDAR_SETTINGS } from '../calendar/trading-calendar.js';
import { ChallengeModel } from '../catalog/challenge-model.js';
import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { STELLAR_2STEP } from '../catalog/stellar-models.js';
import { unwrap } from '../shared/result.js';

/**
 * The instant the object mothers use when none is given: Monday 2026-01-05,
 * 10:00 in New York, inside trading day 2026-01-05 of the default calendar
 * and far from any DST change. A fixed instant, never the clock, so a test
 * gives the same answer every time it runs.
 */
export const QA_INSTANT = new Date('2026-01-05T15:00:00Z');

const snapshots = new Map<string, RuleSnapshot>();

/** The seeded Stellar 2-Step rules frozen for `balance` under the firm's default calendar (New York 17:00). */
export function stellarTwoStepRules(balance = '100000.00'): RuleSnapshot {
  let snapshot = snapshots.get(balance);
  if (!snapshot) {
    snapshot = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), balance, DEFAULT_CALENDAR_SETTINGS));
    snapshots.set(balance, snapshot);
  }
  return snapshot;
}
