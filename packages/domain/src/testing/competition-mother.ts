import { Competition, type CreateCompetition } from '../competition/competition.js';
import { Money } from '../money/money.js';
import { unwrap } from '../shared/result.js';
import { QA_INSTANT } from './qa-defaults.js';

/**
 * What `Competition.create` needs (rule book §7): the QA Cup, registration
 * through January 2026, trading through February, a 10,000 pool in two cash
 * prizes and a funded 50,000 account for third, created by admin-1 at
 * `QA_INSTANT`; the seeded limits (100,000, 50 trades a day, 5 / 3 lots) apply.
 */
export function createCompetitionInput(overrides: Partial<CreateCompetition> = {}): CreateCompetition {
  return {
    id: 'competition-1',
    name: 'QA Cup',
    schedule: { registrationOpens: '2026-01-05', registrationCloses: '2026-01-31', starts: '2026-02-01', ends: '2026-02-28' },
    prizePool: Money.of(10_000),
    prizes: [
      { rank: 1, prize: { kind: 'cash', amount: Money.of(5000) } },
      { rank: 2, prize: { kind: 'cash', amount: Money.of(2500) } },
      { rank: 3, prize: { kind: 'funded_account', modelId: 'stellar_2step', accountSize: Money.of(50_000) } },
    ],
    actor: 'admin-1',
    at: QA_INSTANT,
    ...overrides,
  };
}

/** A competition just created, nothing pending. */
export function aCompetition(overrides: Partial<CreateCompetition> = {}): Competition {
  const competition = unwrap(Competition.create(createCompetitionInput(overrides)));
  competition.pullEvents();
  return competition;
}
