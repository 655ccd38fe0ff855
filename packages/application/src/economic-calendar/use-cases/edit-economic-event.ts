import { err, ok, parseEconomicEvent, sameEconomicEvent, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { economicCalendarErrors } from '../economic-calendar-errors.js';
import { auditedEvent, eventView, type EconomicEventView } from './economic-event-view.js';

export interface EditEconomicEventInput {
  readonly actorId: string;
  readonly eventId: string;
  /**
   * The fields to change. `localTime` and `timeZone` go together or not at
   * all: a local time means nothing without its zone, and changing the zone
   * alone would leave it unclear whether the instant or the wall time stays.
   */
  readonly changes: {
    readonly uid?: string;
    readonly title?: string;
    readonly currency?: string;
    readonly impact?: string;
    readonly when?: { readonly localTime: string; readonly timeZone: string };
  };
}

/** Admin: corrects one event (a moved release, a changed impact); audited before/after, nothing written when nothing changes. */
export class EditEconomicEvent {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: EditEconomicEventInput): Promise<Result<EconomicEventView, DomainError>> {
    const at = this.clock.now();
    return this.uow.run(async (tx) => {
      const admin = await requireAdmin(tx, input.actorId, 'economic_calendar.event_edited');
      if (!admin.ok) return admin;
      const before = await tx.economicCalendar.findById(input.eventId, { forUpdate: true });
      if (!before) return err(economicCalendarErrors.eventNotFound(input.eventId));
      const { changes } = input;
      const edited = parseEconomicEvent({
        id: before.id,
        uid: changes.uid ?? before.uid,
        title: changes.title ?? before.title,
        currency: changes.currency ?? before.currency,
        impact: changes.impact ?? before.impact,
        when: changes.when ?? { at: before.at, timeZone: before.timeZone },
      });
      if (!edited.ok) return edited;
      if (sameEconomicEvent(before, edited.value)) return ok(eventView(before));
      if (!(await tx.economicCalendar.edit(edited.value, at))) return err(economicCalendarErrors.uidTaken(edited.value.uid));
      await tx.audit.append({
        at,
        actorId: input.actorId,
        actorRole: 'admin',
        action: 'economic_calendar.event_edited',
        subjectType: 'economic_event',
        subjectId: before.id,
        details: { before: auditedEvent(before), after: auditedEvent(edited.value) },
      });
      return ok(eventView(edited.value));
    });
  }
}
