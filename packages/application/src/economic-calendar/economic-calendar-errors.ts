import { domainError } from '@tradesense/domain';
import { sharedErrors } from '../shared-kernel/shared-errors.js';

/** One refused row of an import: its line in the uploaded file, and why. */
export interface ImportRowProblem {
  readonly line: number;
  readonly uid: string | null;
  readonly code: string;
  readonly message: string;
}

/** At most this many rows' problems are listed; the count says how many there were. */
export const MAX_LISTED_IMPORT_PROBLEMS = 100;

/** Refusals of the economic-calendar use cases that the domain's event validation does not make. */
export const economicCalendarErrors = {
  forbidden: sharedErrors.forbidden,
  eventNotFound: (eventId: string) => domainError('ECONOMIC_CALENDAR.EVENT_NOT_FOUND', 'No such economic calendar event', { eventId }),
  uidTaken: (uid: string) => domainError('ECONOMIC_CALENDAR.UID_TAKEN', 'Another event has this uid', { uid }),
  emptyImport: () => domainError('ECONOMIC_CALENDAR.IMPORT_EMPTY', 'The file holds no events', {}),
  importTooLarge: (rows: number, max: number) =>
    domainError('ECONOMIC_CALENDAR.IMPORT_TOO_LARGE', `An import holds at most ${max} events`, { rows, max }),
  /** Nothing was changed: every problem row is listed (up to MAX_LISTED_IMPORT_PROBLEMS) with its line. */
  importInvalid: (problems: readonly ImportRowProblem[]) =>
    domainError('ECONOMIC_CALENDAR.IMPORT_INVALID', `${problems.length} row(s) of the file are invalid; nothing was imported`, {
      invalidRows: problems.length,
      errors: problems.slice(0, MAX_LISTED_IMPORT_PROBLEMS),
    }),
};
