import { economicCalendarErrors, type UseCases } from '@tradesense/application';
import { defineRoute, type AnyRoute } from '../api/route.js';
import { domainProblem } from '../api/api-router.js';
import { parseCalendarCsv, parseCalendarIcs } from '../economic-calendar/calendar-files.js';
import {
  AddEconomicEventRequest,
  AdminCalendarQuery,
  CalendarFile,
  CalendarImported,
  CalendarWindowQuery,
  EconomicEventList,
  EditEconomicEventRequest,
  EconomicEvent,
  EventDeleted,
  EventParams,
} from '../schemas/economic-calendar-schemas.js';
import { reply } from './route-helpers.js';

const tags = ['economic-calendar'];
const CSV = 'text/csv';
const ICS = 'text/calendar';

/**
 * The economic calendar the news window reads (docs/rules.md §14): admins
 * keep it (by hand or by importing a CSV or iCalendar file, all or nothing),
 * traders read its high-impact events to see when they may not trade.
 */
export function economicCalendarRoutes(useCases: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/economic-calendar', operationId: 'highImpactEvents',
      summary: 'The high-impact economic events in a window (at most 366 days), optionally for some currencies: each opens a news window',
      tags, access: 'authenticated',
      request: { query: CalendarWindowQuery },
      responses: { 200: { description: 'High-impact events in time order', schema: EconomicEventList } },
      handler: async ({ query }) =>
        reply(await useCases.highImpactEvents.execute({ from: new Date(query.from), to: new Date(query.to), currencies: query.currency ?? [] })),
    }),
    defineRoute({
      method: 'get', path: '/v1/admin/economic-calendar', operationId: 'adminListEconomicEvents',
      summary: 'Every economic event in a window (at most 366 days), optionally for some currencies and impacts', tags, access: 'admin',
      request: { query: AdminCalendarQuery },
      responses: { 200: { description: 'Events in time order', schema: EconomicEventList } },
      handler: async ({ auth, query }) =>
        reply(
          await useCases.listEconomicEvents.execute({
            actorId: auth!.userId,
            from: new Date(query.from),
            to: new Date(query.to),
            currencies: query.currency ?? [],
            impacts: query.impact ?? [],
          }),
        ),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/economic-calendar/events', operationId: 'adminAddEconomicEvent',
      summary: 'Add an economic event at a local time in its publisher’s IANA time zone (audit-logged)', tags, access: 'admin',
      request: { body: AddEconomicEventRequest },
      responses: { 201: { description: 'The event', schema: EconomicEvent } },
      handler: async ({ auth, body }) => {
        const { uid, ...event } = body;
        return reply(await useCases.addEconomicEvent.execute({ actorId: auth!.userId, event: { ...event, ...(uid !== undefined ? { uid } : {}) } }), 201);
      },
    }),
    defineRoute({
      method: 'patch', path: '/v1/admin/economic-calendar/events/:eventId', operationId: 'adminEditEconomicEvent',
      summary: 'Correct an economic event; localTime and timeZone go together (audit-logged before/after)', tags, access: 'admin',
      request: { params: EventParams, body: EditEconomicEventRequest },
      responses: { 200: { description: 'The event', schema: EconomicEvent } },
      handler: async ({ auth, params, body }) => {
        const { localTime, timeZone, ...fields } = body;
        const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
        return reply(
          await useCases.editEconomicEvent.execute({
            actorId: auth!.userId,
            eventId: params.eventId,
            changes: { ...changes, ...(localTime !== undefined && timeZone !== undefined ? { when: { localTime, timeZone } } : {}) },
          }),
        );
      },
    }),
    defineRoute({
      method: 'delete', path: '/v1/admin/economic-calendar/events/:eventId', operationId: 'adminDeleteEconomicEvent',
      summary: 'Delete an economic event (audit-logged with the event)', tags, access: 'admin',
      request: { params: EventParams },
      responses: { 200: { description: 'Deleted', schema: EventDeleted } },
      handler: async ({ auth, params }) => reply(await useCases.deleteEconomicEvent.execute({ actorId: auth!.userId, eventId: params.eventId })),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/economic-calendar/imports', operationId: 'adminImportEconomicEvents',
      summary:
        'Import a calendar file, `text/csv` or `text/calendar` (iCalendar), keyed by uid: new uids added, known ones updated, ' +
        'identical ones left alone; one invalid row refuses the whole file with every bad row’s line (docs/api.md)',
      tags, access: 'admin', textBody: [CSV, ICS],
      request: { body: CalendarFile },
      responses: { 200: { description: 'What the import did with each event', schema: CalendarImported } },
      handler: async ({ auth, body, req }) => {
        const ics = req.is(ICS) !== false;
        const parsed = ics ? parseCalendarIcs(body) : parseCalendarCsv(body);
        if (!parsed.ok) return domainProblem(economicCalendarErrors.importInvalid(parsed.problems));
        return reply(await useCases.importEconomicEvents.execute({ actor: { adminId: auth!.userId }, source: ics ? 'ics' : 'csv', rows: parsed.rows }));
      },
    }),
  ];
}
