import { ok, type DomainError, type Result, type TradingCalendar } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';

export interface RetierAffiliatesOutput {
  readonly month: string;
  readonly affiliates: number;
  readonly tierChanges: number;
}

const BATCH = 200;

/**
 * Job (month start): every affiliate enters the current calendar month; the
 * tier becomes the highest one the previous month's net earnings met, never
 * below the lowest tier, taking effect at the month's reset instant. One
 * transaction per affiliate keeps a conflict with a commission local.
 */
export class RetierAffiliates {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
  ) {}

  async execute(): Promise<Result<RetierAffiliatesOutput, DomainError>> {
    const month = this.calendar.monthOf(this.clock.now());
    const effectiveAt = this.calendar.startOfMonth(month);
    let affiliates = 0;
    let tierChanges = 0;
    const done = new Set<string>();
    for (;;) {
      // An id seen twice would mean its month did not move; stop rather than loop.
      const ids = (await this.uow.run((tx) => tx.affiliates.idsBehindMonth(month, BATCH))).filter((id) => !done.has(id));
      if (ids.length === 0) break;
      for (const id of ids) {
        done.add(id);
        const changed = await retryOnConflict(() =>
          this.uow.run(async (tx) => {
            const affiliate = await tx.affiliates.findById(id);
            if (!affiliate) return false;
            const before = affiliate.tierId;
            affiliate.enterMonth(month, effectiveAt, await tx.affiliateTiers.table());
            await tx.affiliates.save(affiliate);
            await tx.outbox.add(eventsToOutbox('affiliate', affiliate.pullEvents()));
            return affiliate.tierId !== before;
          }),
        );
        affiliates++;
        if (changed) tierChanges++;
      }
    }
    return ok({ month, affiliates, tierChanges });
  }
}
