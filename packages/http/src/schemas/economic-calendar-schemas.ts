import { z } from 'zod';
import { Id, IdText, Instant, Int, List } from './common.js';

const Impact = z.enum(['low', 'medium', 'high']);
const LocalTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'a local date-time, YYYY-MM-DDTHH:mm[:ss]')
  .openapi({ maxLength: 19, example: '2027-01-08T08:30' });
const TimeZone = z.string().min(1).max(64).regex(/^[A-Za-z0-9_+\-/]+$/, 'an IANA time zone').openapi({ example: 'America/New_York' });
const CurrencyCode = z.string().regex(/^[A-Za-z]{3}$/, 'an ISO 4217 currency code').openapi({ maxLength: 3, example: 'USD' });
const Uid = z.string().trim().min(1).max(255);
const Title = z.string().trim().min(1).max(200);
const CurrencyList = z
  .string()
  .regex(/^[A-Za-z]{3}(,[A-Za-z]{3}){0,19}$/, 'ISO 4217 codes separated by commas, e.g. USD,EUR')
  .openapi({ maxLength: 79, example: 'USD,EUR' })
  .transform((value) => value.split(','));

export const CalendarWindowQuery = z
  .object({ from: Instant, to: Instant, currency: CurrencyList.optional() })
  .strict();
export const AdminCalendarQuery = z
  .object({
    from: Instant,
    to: Instant,
    currency: CurrencyList.optional(),
    impact: z
      .string()
      .regex(/^(low|medium|high)(,(low|medium|high)){0,2}$/, 'impacts separated by commas, e.g. medium,high')
      .openapi({ maxLength: 20, example: 'high' })
      .transform((value) => value.split(','))
      .optional(),
  })
  .strict();

export const EconomicEvent = z
  .object({
    id: IdText,
    uid: z.string().max(255),
    title: z.string().max(200),
    currency: CurrencyCode,
    impact: Impact,
    at: Instant,
    localTime: LocalTime,
    timeZone: z.string().max(64),
  })
  .openapi('EconomicEvent', { description: 'A scheduled release: the instant it happens, and the local time and zone its publisher gave.' });
export const EconomicEventList = z.object({ events: List(EconomicEvent, 10_000) }).openapi('EconomicEventList');

export const AddEconomicEventRequest = z
  .object({ uid: Uid.optional(), title: Title, currency: CurrencyCode, impact: Impact, localTime: LocalTime, timeZone: TimeZone })
  .strict()
  .openapi('AddEconomicEventRequest');
export const EditEconomicEventRequest = z
  .object({
    uid: Uid.optional(),
    title: Title.optional(),
    currency: CurrencyCode.optional(),
    impact: Impact.optional(),
    localTime: LocalTime.optional(),
    timeZone: TimeZone.optional(),
  })
  .strict()
  .refine((body) => (body.localTime === undefined) === (body.timeZone === undefined), {
    message: 'localTime and timeZone go together',
    path: ['localTime'],
  })
  .openapi('EditEconomicEventRequest');
export const EventParams = z.object({ eventId: Id });
export const EventDeleted = z.object({ id: IdText }).openapi('EconomicEventDeleted');

export const CalendarFile = z.string().max(1_048_576).openapi({ description: 'The uploaded calendar file (CSV or iCalendar text)' });
export const CalendarImported = z
  .object({
    importId: IdText,
    source: z.enum(['csv', 'ics', 'seed']),
    created: Int(),
    updated: Int(),
    unchanged: Int(),
    events: List(z.object({ line: Int(), uid: z.string().max(255), id: IdText, outcome: z.enum(['created', 'updated', 'unchanged']) }), 5_000),
  })
  .openapi('EconomicCalendarImported');
