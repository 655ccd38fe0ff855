import { Decimal } from 'decimal.js';
import { ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { PayoutListItem } from '../ports/funding-repositories.js';

export interface CompensateLatePayoutsOutput {
  /** Compensation entries made by this run. */
  readonly granted: number;
}

const BATCH = 100;

/**
 * The 24-hour guarantee, checked on a schedule: every payout still not paid
 * when its deadline (requested + 24 h) has passed gets its compensation
 * entry now, once; paying it later adds no second one.
 */
export class CompensateLatePayouts {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<Result<CompensateLatePayoutsOutput, DomainError>> {
    const at = this.clock.now();
    let granted = 0;
    for (;;) {
      const overdue = await this.uow.run((tx) => tx.payouts.listOverdueWithoutCompensation(at, BATCH));
      let progress = 0;
      for (const payout of overdue) {
        if (await this.compensate(payout, at)) progress++;
      }
      granted += progress;
      if (overdue.length < BATCH || progress === 0) return ok({ granted });
    }
  }

  private compensate(item: PayoutListItem, at: Date): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const account = await tx.fundedAccounts.findById(item.fundedAccountId, { lock: true });
      const payout = account?.payout(item.id);
      // Paid or rejected since it was listed: nothing is owed by this check.
      if (!account || !payout || (payout.status !== 'requested' && payout.status !== 'approved')) return false;
      const amount = new Decimal(account.toState().guaranteeCompensation);
      const granted = await tx.payoutCompensations.grant({
        payoutId: payout.id,
        fundedAccountId: account.id,
        traderId: account.traderId,
        currency: account.currency,
        amount,
        cause: 'unpaid_at_deadline',
        grantedAt: at,
      });
      if (!granted) return false;
      await tx.audit.append({
        at,
        actorId: null,
        actorRole: 'system',
        action: 'payout.compensation_granted',
        subjectType: 'payout',
        subjectId: payout.id,
        details: { fundedAccountId: account.id, traderId: account.traderId, amount: amount.toFixed(2), deadline: payout.deadline.toISOString() },
      });
      await tx.outbox.add([
        {
          topic: 'PayoutCompensationGranted',
          aggregateType: 'funded_account',
          aggregateId: account.id,
          payload: {
            payoutId: payout.id,
            traderId: account.traderId,
            currency: account.currency,
            amount: amount.toFixed(2),
            deadline: payout.deadline.toISOString(),
            paidAt: null,
            cause: 'unpaid_at_deadline',
          },
          occurredAt: at,
        },
      ]);
      return true;
    });
  }
}
