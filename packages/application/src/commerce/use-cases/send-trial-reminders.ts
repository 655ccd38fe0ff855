import { ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { trialReminderEmail } from '../shared/commerce-emails.js';
import type { CommerceLinks } from '../shared/commerce-links.js';
import { trialPlanName } from '../shared/trial-outcomes.js';

export interface SendTrialRemindersInput {
  /** At most this many trials per run (the job runs again for the rest). */
  readonly limit?: number;
}

/**
 * The scheduled job's step: e-mails every active trial whose charge is 24 h
 * away (`email.trial_reminder`), once per trial. Each trial is handled in
 * its own transaction with its row locked, so overlapping runs cannot send
 * a reminder twice.
 */
export class SendTrialReminders {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly links: CommerceLinks,
  ) {}

  async execute(input: SendTrialRemindersInput = {}): Promise<Result<{ sent: number }, DomainError>> {
    const now = this.clock.now();
    const due = await this.uow.run((tx) => tx.trials.listReminderDue(now, input.limit ?? 100));
    let sent = 0;
    for (const candidate of due) {
      const done = await this.uow.run(async (tx) => {
        const trial = await tx.trials.findById(candidate.id, { forUpdate: true });
        if (!trial?.markReminderSent({ at: now }).ok) return false;
        const user = await tx.users.findById(trial.traderId);
        await tx.trials.save(trial);
        const planName = await trialPlanName(tx, trial);
        await tx.outbox.add([
          ...eventsToOutbox('trial', trial.pullEvents()),
          ...(user ? [trialReminderEmail({ trial, user, planName, cancelUrl: this.links.trialCancel(trial.id), at: now })] : []),
        ]);
        return true;
      });
      if (done) sent += 1;
    }
    return ok({ sent });
  }
}
