import { EconomicEventInvalid, err, ok, parseEconomicEvent, type DomainError, type EconomicEvent, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { economicCalendarErrors, type ImportRowProblem } from '../economic-calendar-errors.js';
import type { ImportedEvent } from '../ports/economic-calendar.js';
import type { EconomicEventDraft } from './add-economic-event.js';
import { auditedEvent } from './economic-event-view.js';

/** One event read from an uploaded file, with the line it starts on. */
export interface ImportRow {
  readonly line: number;
  readonly event: EconomicEventDraft & { readonly uid: string };
}

export type ImportSource = 'csv' | 'ics' | 'seed';

export interface ImportEconomicEventsInput {
  /** An admin's id, or `system` for the example calendar an embedded install starts with. */
  readonly actor: { readonly adminId: string } | 'system';
  readonly source: ImportSource;
  readonly rows: readonly ImportRow[];
}

export interface ImportEconomicEventsResult {
  readonly importId: string;
  readonly source: ImportSource;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly events: ReadonlyArray<{ readonly line: number; readonly uid: string; readonly id: string; readonly outcome: ImportedEvent['outcome'] }>;
}

/** The most events one import may hold: a year of a busy calendar, and a bound on one transaction. */
export const MAX_IMPORT_ROWS = 5_000;

/**
 * Admin: imports many events at once, keyed by their uid, all or nothing.
 * Every row is checked first; one bad row refuses the whole file with every
 * bad row's line and reasons (`ECONOMIC_CALENDAR.IMPORT_INVALID`). Then each
 * new uid is added, each known one updated in place, and an identical one
 * left alone, so importing the same file twice changes nothing. Each change is
 * audited with its before and after, and the import itself with its counts.
 */
export class ImportEconomicEvents {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: ImportEconomicEventsInput): Promise<Result<ImportEconomicEventsResult, DomainError>> {
    if (input.rows.length === 0) return err(economicCalendarErrors.emptyImport());
    if (input.rows.length > MAX_IMPORT_ROWS) return err(economicCalendarErrors.importTooLarge(input.rows.length, MAX_IMPORT_ROWS));
    const problems: ImportRowProblem[] = [];
    const events: EconomicEvent[] = [];
    const lineOfUid = new Map<string, number>();
    for (const row of input.rows) {
      const { uid, localTime, timeZone, ...fields } = row.event;
      const parsed = parseEconomicEvent({ id: this.ids.newId(), uid, ...fields, when: { localTime, timeZone } });
      if (!parsed.ok) {
        const refusals = parsed.error instanceof EconomicEventInvalid ? parsed.error.problems : [parsed.error];
        for (const refusal of refusals) problems.push({ line: row.line, uid: uid.trim() || null, code: refusal.code, message: refusal.message });
        continue;
      }
      const first = lineOfUid.get(parsed.value.uid);
      if (first !== undefined) {
        // Which of two rows with one uid should win is a guess; the publisher's file is wrong, so say so.
        problems.push({ line: row.line, uid: parsed.value.uid, code: 'ECONOMIC_CALENDAR.UID_REPEATED', message: `The uid is already on line ${first}` });
        continue;
      }
      lineOfUid.set(parsed.value.uid, row.line);
      events.push(parsed.value);
    }
    if (problems.length > 0) return err(economicCalendarErrors.importInvalid(problems));
    const importId = this.ids.newId();
    const at = this.clock.now();
    const actorId = input.actor === 'system' ? null : input.actor.adminId;
    const actorRole = input.actor === 'system' ? 'system' : 'admin';
    // Two imports adding one new uid at once: the loser retries and finds it stored.
    return retryOnConflict(() =>
      this.uow.run(async (tx) => {
        if (actorId !== null) {
          const admin = await requireAdmin(tx, actorId, 'economic_calendar.imported');
          if (!admin.ok) return admin;
        }
        const imported = await tx.economicCalendar.importMany(events, at);
        for (const change of imported) {
          if (change.outcome === 'unchanged') continue;
          await tx.audit.append({
            at,
            actorId,
            actorRole,
            action: change.outcome === 'created' ? 'economic_calendar.event_added' : 'economic_calendar.event_edited',
            subjectType: 'economic_event',
            subjectId: change.after.id,
            details: { importId, source: input.source, before: auditedEvent(change.before), after: auditedEvent(change.after) },
          });
        }
        const count = (outcome: ImportedEvent['outcome']) => imported.filter((change) => change.outcome === outcome).length;
        const result: ImportEconomicEventsResult = {
          importId,
          source: input.source,
          created: count('created'),
          updated: count('updated'),
          unchanged: count('unchanged'),
          events: imported.map((change) => ({ line: lineOfUid.get(change.after.uid)!, uid: change.after.uid, id: change.after.id, outcome: change.outcome })),
        };
        await tx.audit.append({
          at,
          actorId,
          actorRole,
          action: 'economic_calendar.imported',
          subjectType: 'economic_calendar_import',
          subjectId: importId,
          details: { source: input.source, rows: input.rows.length, created: result.created, updated: result.updated, unchanged: result.unchanged },
        });
        return ok(result);
      }),
    );
  }
}
