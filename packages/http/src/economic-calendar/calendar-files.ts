import type { ImportRow, ImportRowProblem } from '@tradesense/application';
import { CsvError, parse } from 'csv-parse/sync';
import ICAL from 'ical.js';

/** The columns of a calendar CSV, in any order; a header row names them. */
export const CSV_COLUMNS = ['uid', 'title', 'currency', 'impact', 'local_time', 'time_zone'] as const;

export type ParsedFile = { readonly ok: true; readonly rows: ImportRow[] } | { readonly ok: false; readonly problems: ImportRowProblem[] };

const syntax = (line: number, message: string, uid: string | null = null): ImportRowProblem => ({
  line,
  uid,
  code: 'ECONOMIC_CALENDAR.FILE_SYNTAX',
  message,
});

/**
 * A calendar CSV (RFC 4180, UTF-8, comma-separated, a header row naming the
 * columns of CSV_COLUMNS) as import rows, each with the line its record ends
 * on. Only the file's shape is checked here; what the fields say is checked
 * by the import, which reports each bad row with this line.
 */
export function parseCalendarCsv(text: string): ParsedFile {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true });
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, problems: [syntax(Number((error as CsvError & { lines?: number }).lines ?? 1), error.message)] };
    throw error;
  }
  if (records.length === 0) return { ok: true, rows: [] };
  const header = Object.keys(records[0]!.record);
  const missing = CSV_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) return { ok: false, problems: [syntax(1, `The header row lacks the column(s) ${missing.join(', ')}`)] };
  return {
    ok: true,
    rows: records.map(({ record, info }) => ({
      line: info.lines,
      event: {
        uid: record.uid ?? '',
        title: record.title ?? '',
        currency: record.currency ?? '',
        impact: record.impact ?? '',
        localTime: record.local_time ?? '',
        timeZone: record.time_zone ?? '',
      },
    })),
  };
}

const IMPACTS = new Set(['low', 'medium', 'high']);
const CURRENCY = /^[A-Za-z]{3}$/;

/**
 * A calendar in iCalendar (RFC 5545) as import rows, one per VEVENT:
 * - `UID` is the uid, `SUMMARY` the title;
 * - `DTSTART;TZID=<IANA zone>:20270108T083000` is a local time in that zone,
 *   `DTSTART:20270108T133000Z` an instant in UTC (a date without a time, or a
 *   floating time without a zone, is refused: a release has an instant);
 * - the currency is `X-CURRENCY`, else the first `CATEGORIES` value of three
 *   letters; the impact is `X-IMPACT`, else the first `CATEGORIES` value that
 *   is `low`, `medium` or `high` (any case).
 * The line of a row is the line of its `BEGIN:VEVENT`.
 */
export function parseCalendarIcs(text: string): ParsedFile {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    return { ok: false, problems: [syntax(1, `Not an iCalendar file: ${(error as Error).message}`)] };
  }
  const beginLines = text
    .split(/\r\n|\n|\r/)
    .flatMap((line, index) => (/^BEGIN:VEVENT\s*$/i.test(line) ? [index + 1] : []));
  const rows: ImportRow[] = [];
  const problems: ImportRowProblem[] = [];
  calendar.getAllSubcomponents('vevent').forEach((vevent, index) => {
    const line = beginLines[index] ?? 1;
    const text = (name: string) => {
      const value: unknown = vevent.getFirstPropertyValue(name);
      return typeof value === 'string' ? value : '';
    };
    const uid = text('uid');
    const categories = vevent.getAllProperties('categories').flatMap((property) => property.getValues().map((value: unknown) => String(value).trim()));
    const dtstart = vevent.getFirstProperty('dtstart');
    const start = dtstart?.getFirstValue();
    if (!dtstart || !(start instanceof ICAL.Time) || start.isDate) {
      problems.push(syntax(line, 'DTSTART must be a date-time', uid || null));
      return;
    }
    const tzid = dtstart.getParameter('tzid');
    const utc = start.zone === ICAL.Timezone.utcTimezone;
    if (!utc && typeof tzid !== 'string') {
      problems.push(syntax(line, 'DTSTART needs a TZID or a UTC time (ending in Z)', uid || null));
      return;
    }
    rows.push({
      line,
      event: {
        uid,
        title: text('summary'),
        currency: text('x-currency') || categories.find((category) => CURRENCY.test(category)) || '',
        impact: text('x-impact') || categories.find((category) => IMPACTS.has(category.toLowerCase())) || '',
        // The wall time as written; the import reads it in the zone, DST-correct.
        localTime: start.toString().replace(/Z$/, ''),
        timeZone: utc ? 'UTC' : (tzid as string),
      },
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
