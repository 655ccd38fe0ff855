import { ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { PassPhase } from './pass-phase.js';

const BATCH = 200;

/**
 * The safety net of the next phase's start (docs/rules.md §3): challenges
 * whose phase was passed but whose next account was not started (the
 * platform was out of reach right after the pass, the process stopped) are
 * started now. Run with every day rollover; `PassPhase` is idempotent.
 */
export class StartAwaitingPhases {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly passPhase: PassPhase,
  ) {}

  async execute(): Promise<Result<{ readonly started: number }, DomainError>> {
    const waiting = await this.uow.run((tx) => tx.challenges.listAwaitingNextPhase(BATCH));
    let started = 0;
    for (const challenge of waiting) {
      const progressed = await this.passPhase.execute({ challengeId: challenge.id });
      if (progressed.ok && progressed.value.started) started += 1;
    }
    return ok({ started });
  }
}
