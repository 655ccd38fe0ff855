import type { Platform } from '@tradesense/bootstrap';
import { parseCalendarCsv } from './calendar-files.js';

/**
 * The calendar an embedded install starts with: high-impact releases of the
 * winter and spring 2026–27 in the CSV import format, each at the local time
 * and zone its publisher announces (US data 08:30 New York, FOMC 14:00 New
 * York, ECB 14:15 Frankfurt, UK CPI 07:00 London), so the news window has
 * something to read from the first start. It includes releases on both sides
 * of the US (2027-03-14) and European (2027-03-28) clock changes. An admin
 * edits or replaces it like any import.
 */
export const EXAMPLE_CALENDAR_CSV = `uid,title,currency,impact,local_time,time_zone
tradesense-example-us-cpi-2026-12,US CPI (Nov),USD,high,2026-12-10T08:30,America/New_York
tradesense-example-fomc-2026-12,FOMC rate decision,USD,high,2026-12-16T14:00,America/New_York
tradesense-example-uk-cpi-2026-12,UK CPI (Nov),GBP,high,2026-12-16T07:00,Europe/London
tradesense-example-ecb-2026-12,ECB rate decision,EUR,high,2026-12-17T14:15,Europe/Berlin
tradesense-example-us-nfp-2027-01,US Non-Farm Payrolls (Dec),USD,high,2027-01-08T08:30,America/New_York
tradesense-example-us-cpi-2027-01,US CPI (Dec),USD,high,2027-01-13T08:30,America/New_York
tradesense-example-uk-cpi-2027-01,UK CPI (Dec),GBP,high,2027-01-20T07:00,Europe/London
tradesense-example-fomc-2027-01,FOMC rate decision,USD,high,2027-01-27T14:00,America/New_York
tradesense-example-ecb-2027-02,ECB rate decision,EUR,high,2027-02-04T14:15,Europe/Berlin
tradesense-example-us-nfp-2027-02,US Non-Farm Payrolls (Jan),USD,high,2027-02-05T08:30,America/New_York
tradesense-example-us-cpi-2027-02,US CPI (Jan),USD,high,2027-02-10T08:30,America/New_York
tradesense-example-uk-cpi-2027-02,UK CPI (Jan),GBP,high,2027-02-17T07:00,Europe/London
tradesense-example-us-nfp-2027-03,US Non-Farm Payrolls (Feb),USD,high,2027-03-05T08:30,America/New_York
tradesense-example-us-cpi-2027-03,US CPI (Feb),USD,high,2027-03-16T08:30,America/New_York
tradesense-example-fomc-2027-03,FOMC rate decision,USD,high,2027-03-17T14:00,America/New_York
tradesense-example-ecb-2027-03,ECB rate decision,EUR,high,2027-03-18T14:15,Europe/Berlin
tradesense-example-uk-cpi-2027-03,UK CPI (Feb),GBP,high,2027-03-24T07:00,Europe/London
tradesense-example-us-nfp-2027-04,US Non-Farm Payrolls (Mar),USD,high,2027-04-02T08:30,America/New_York
tradesense-example-us-cpi-2027-04,US CPI (Mar),USD,high,2027-04-13T08:30,America/New_York
tradesense-example-uk-cpi-2027-04,UK CPI (Mar),GBP,high,2027-04-14T07:00,Europe/London
tradesense-example-ecb-2027-04,ECB rate decision,EUR,high,2027-04-29T14:15,Europe/Berlin
`;

/**
 * Loads the example calendar through the import (keyed by uid, audited as
 * the system), so loading it again changes nothing. Embedded installs only,
 * on their first start: a server install's calendar is the firm's own.
 */
export async function loadExampleCalendar(platform: Platform): Promise<void> {
  if (platform.config.mode !== 'embedded') return;
  const parsed = parseCalendarCsv(EXAMPLE_CALENDAR_CSV);
  if (!parsed.ok) throw new Error(`The example calendar does not parse: ${JSON.stringify(parsed.problems)}`);
  const imported = await platform.useCases.importEconomicEvents.execute({ actor: 'system', source: 'seed', rows: parsed.rows });
  if (!imported.ok) throw imported.error;
}
