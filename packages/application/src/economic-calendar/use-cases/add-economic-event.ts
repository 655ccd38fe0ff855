import { err, ok, parseEconomicEvent, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { economicCalendarErrors } from '../economic-calendar-errors.js';
import { auditedEvent, eventView, type EconomicEventView } from './economic-event-view.js';

/** An event as an admin or a file gives it: the local wall time in the publisher's zone. */
export interface EconomicEventDraft {
  /** The publisher's id; an event added by hand without one gets its own id as uid. */
  readonly uid?: string;
  readonly title: string;
  readonly currency: string;
  readonly impact: string;
  /** "YYYY-MM-DDTHH:mm[:ss]" in `timeZone`. */
  readonly localTime: string;
  /** IANA zone, e.g. "America/New_York", or "UTC". */
  readonly timeZone: string;
}

export interface AddEconomicEventInput {
  readonly actorId: string;
  readonly event: EconomicEventDraft;
}

/** Admin: adds one event to the calendar; audited with the event added. */
export class AddEconomicEvent {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: AddEconomicEventInput): Promise<Result<EconomicEventView, DomainError>> {
    const id = this.ids.newId();
    const { uid, localTime, timeZone, ...fields } = input.event;
    const event = parseEconomicEvent({ id, uid: uid ?? id, ...fields, when: { localTime, timeZone } });
    if (!event.ok) return event;
    const at = this.clock.now();
    return this.uow.run(async (tx) => {
      const admin = await requireAdmin(tx, input.actorId, 'economic_calendar.event_added');
      if (!admin.ok) return admin;
      if (!(await tx.economicCalendar.add(event.value, at))) return err(economicCalendarErrors.uidTaken(event.value.uid));
      await tx.audit.append({
        at,
        actorId: input.actorId,
        actorRole: 'admin',
        action: 'economic_calendar.event_added',
        subjectType: 'economic_event',
        subjectId: event.value.id,
        details: { before: null, after: auditedEvent(event.value) },
      });
      return ok(eventView(event.value));
    });
  }
}
