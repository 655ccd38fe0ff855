import { DomainError, domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { EconomicCalendarErrorCode } from './economic-calendar-errors.js';
import { instantOfWallTime, parseTimeZone, wallTimeOf, type LocalDateTime } from './zoned-time.js';

/** How much a release moves the market; only `high` opens a news window (docs/rules.md §14). */
export type EventImpact = 'low' | 'medium' | 'high';
export const EVENT_IMPACTS: readonly EventImpact[] = ['low', 'medium', 'high'];

/** An ISO 4217 currency code in upper case, e.g. "USD". */
export type CurrencyCode = string & { readonly __brand?: 'CurrencyCode' };

/**
 * One scheduled release of the economic calendar. `at` is the instant it
 * happens, what a news window is measured from; `timeZone` is the zone its
 * publisher announced it in, kept so it is shown (and exported again) at the
 * local time the publisher gave, e.g. 08:30 New York whether that is 13:30Z
 * in winter or 12:30Z in summer.
 */
export interface EconomicEvent {
  readonly id: string;
  /** The publisher's identifier (a CSV `uid`, an ICS `UID`): importing the same uid again updates, never duplicates. */
  readonly uid: string;
  readonly title: string;
  readonly currency: CurrencyCode;
  readonly impact: EventImpact;
  readonly at: Date;
  /** IANA zone, e.g. "America/New_York"; "UTC" when the publisher gave an instant. */
  readonly timeZone: string;
}

/** When an event happens: a local wall time in its publisher's zone, or an instant shown in that zone. */
export type EventTime = { readonly localTime: string; readonly timeZone: string } | { readonly at: Date; readonly timeZone: string };

export interface EconomicEventInput {
  readonly id: string;
  readonly uid: string;
  readonly title: string;
  readonly currency: string;
  readonly impact: string;
  readonly when: EventTime;
}

export const MAX_EVENT_UID = 255;
export const MAX_EVENT_TITLE = 200;

// ISO 4217 codes that name no currency a release can be in: funds, precious metals, testing and "no currency".
const NOT_A_RELEASE_CURRENCY = new Set(['XAU', 'XAG', 'XPT', 'XPD', 'XTS', 'XXX', 'XDR', 'XSU', 'XUA', 'XBA', 'XBB', 'XBC', 'XBD']);

/** Accepts any case and surrounding blanks; refuses what is not three letters of an ISO 4217 currency. */
export function parseCurrencyCode(value: string): Result<CurrencyCode> {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || NOT_A_RELEASE_CURRENCY.has(code)) {
    return err(domainError(EconomicCalendarErrorCode.INVALID_CURRENCY, `Not an ISO 4217 currency code: ${value}`, { value }));
  }
  return ok(code);
}

export function parseEventImpact(value: string): Result<EventImpact> {
  const impact = value.trim().toLowerCase();
  return (EVENT_IMPACTS as readonly string[]).includes(impact)
    ? ok(impact as EventImpact)
    : err(domainError(EconomicCalendarErrorCode.INVALID_IMPACT, `The impact must be one of ${EVENT_IMPACTS.join(', ')}: ${value}`, { value }));
}

/**
 * Validates an event, stopping at nothing: every field's refusal is returned,
 * so an admin fixing an imported row sees all its mistakes at once.
 */
export function parseEconomicEvent(input: EconomicEventInput): Result<EconomicEvent, EconomicEventInvalid> {
  const problems: DomainError[] = [];
  const uid = input.uid.trim();
  // Control characters would not survive an ICS or CSV export; the length bounds the unique index.
  if (uid === '' || uid.length > MAX_EVENT_UID || /[\u0000-\u001f\u007f]/.test(uid)) {
    problems.push(domainError(EconomicCalendarErrorCode.INVALID_UID, `A uid has 1 to ${MAX_EVENT_UID} printable characters`, { value: input.uid }));
  }
  const title = input.title.trim().replace(/\s+/g, ' ');
  if (title === '' || title.length > MAX_EVENT_TITLE) {
    problems.push(domainError(EconomicCalendarErrorCode.INVALID_TITLE, `A title has 1 to ${MAX_EVENT_TITLE} characters`, {}));
  }
  const currency = parseCurrencyCode(input.currency);
  if (!currency.ok) problems.push(currency.error);
  const impact = parseEventImpact(input.impact);
  if (!impact.ok) problems.push(impact.error);
  const zone = parseTimeZone(input.when.timeZone);
  let at: Date | null = null;
  if (!zone.ok) problems.push(zone.error);
  else if ('localTime' in input.when) {
    const instant = instantOfWallTime(input.when.localTime, zone.value);
    if (instant.ok) at = instant.value;
    else problems.push(instant.error);
  } else if (Number.isFinite(input.when.at.getTime())) at = input.when.at;
  else problems.push(domainError(EconomicCalendarErrorCode.INVALID_LOCAL_TIME, 'The instant is not a valid date', {}));
  if (problems.length > 0 || !currency.ok || !impact.ok || !zone.ok || at === null) return err(new EconomicEventInvalid(problems));
  return ok({ id: input.id, uid, title, currency: currency.value, impact: impact.value, at, timeZone: zone.value });
}

/**
 * The refusals of one event. Its code is the first refusal's, so a client
 * branching on one code sees the same as for a single-field mistake; every
 * refusal is in `problems` (and `details.problems`).
 */
export class EconomicEventInvalid extends DomainError {
  constructor(readonly problems: readonly DomainError[]) {
    super(problems[0]!.code, problems.map((problem) => problem.message).join('; '), {
      problems: problems.map((problem) => ({ code: problem.code, message: problem.message })),
    });
  }
}

/** The local wall time the event was published at, in its own zone: what a calendar shows and an export writes. */
export function localTimeOf(event: Pick<EconomicEvent, 'at' | 'timeZone'>): LocalDateTime {
  return wallTimeOf(event.at, event.timeZone);
}

/** Same release, same announcement: what an import compares to tell an update from a repeat. */
export function sameEconomicEvent(a: EconomicEvent, b: EconomicEvent): boolean {
  return (
    a.uid === b.uid && a.title === b.title && a.currency === b.currency && a.impact === b.impact && a.at.getTime() === b.at.getTime() && a.timeZone === b.timeZone
  );
}
