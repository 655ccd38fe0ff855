import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { economicCalendarErrors } from '../economic-calendar-errors.js';
import { auditedEvent } from './economic-event-view.js';

export interface DeleteEconomicEventInput {
  readonly actorId: string;
  readonly eventId: string;
}

/** Admin: removes an event (a cancelled release); audited with the event removed. */
export class DeleteEconomicEvent {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: DeleteEconomicEventInput): Promise<Result<{ id: string }, DomainError>> {
    const at = this.clock.now();
    return this.uow.run(async (tx) => {
      const admin = await requireAdmin(tx, input.actorId, 'economic_calendar.event_deleted');
      if (!admin.ok) return admin;
      const before = await tx.economicCalendar.findById(input.eventId, { forUpdate: true });
      if (!before || !(await tx.economicCalendar.remove(before.id))) return err(economicCalendarErrors.eventNotFound(input.eventId));
      await tx.audit.append({
        at,
        actorId: input.actorId,
        actorRole: 'admin',
        action: 'economic_calendar.event_deleted',
        subjectType: 'economic_event',
        subjectId: before.id,
        details: { before: auditedEvent(before), after: null },
      });
      return ok({ id: before.id });
    });
  }
}
