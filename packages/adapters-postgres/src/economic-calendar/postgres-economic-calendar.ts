import { ConcurrencyConflict, type EconomicCalendar, type EconomicEventsQuery, type ImportedEvent } from '@tradesense/application';
import { sameEconomicEvent, type EconomicEvent, type EventImpact } from '@tradesense/domain';
import type { Queryable } from '../shared/queryable.js';

interface EconomicEventRow {
  id: string;
  uid: string;
  title: string;
  currency: string;
  impact: EventImpact;
  at: Date;
  time_zone: string;
}

const toEvent = (row: EconomicEventRow): EconomicEvent => ({
  id: row.id,
  uid: row.uid,
  title: row.title,
  currency: row.currency,
  impact: row.impact,
  at: new Date(row.at),
  timeZone: row.time_zone,
});

const toRow = (event: EconomicEvent) => ({
  uid: event.uid,
  title: event.title,
  currency: event.currency,
  impact: event.impact,
  at: event.at,
  time_zone: event.timeZone,
});

const COLUMNS = ['id', 'uid', 'title', 'currency', 'impact', 'at', 'time_zone'];

export class PostgresEconomicCalendar implements EconomicCalendar {
  constructor(private readonly db: Queryable) {}

  async eventsBetween(query: EconomicEventsQuery): Promise<EconomicEvent[]> {
    const select = this.db('economic_events').select(COLUMNS).where('at', '>=', query.from).andWhere('at', '<=', query.to);
    if (query.currencies !== null) select.whereIn('currency', [...query.currencies]);
    if (query.impacts !== null) select.whereIn('impact', [...query.impacts]);
    const rows = (await select.orderBy([{ column: 'at' }, { column: 'currency' }, { column: 'uid' }])) as EconomicEventRow[];
    return rows.map(toEvent);
  }

  async findById(id: string, options: { readonly forUpdate?: boolean } = {}): Promise<EconomicEvent | null> {
    const select = this.db('economic_events').select(COLUMNS).where({ id });
    if (options.forUpdate) select.forUpdate();
    const row = (await select.first()) as EconomicEventRow | undefined;
    return row ? toEvent(row) : null;
  }

  async findByUid(uid: string): Promise<EconomicEvent | null> {
    const row = (await this.db('economic_events').select(COLUMNS).where({ uid }).first()) as EconomicEventRow | undefined;
    return row ? toEvent(row) : null;
  }

  async add(event: EconomicEvent, at: Date): Promise<boolean> {
    const inserted = await this.db('economic_events')
      .insert({ id: event.id, ...toRow(event), created_at: at, updated_at: at })
      .onConflict('uid')
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  async edit(event: EconomicEvent, at: Date): Promise<boolean> {
    // The uid is unique: a taken one is answered as a refusal, not a failed transaction.
    const taken = await this.db('economic_events').where({ uid: event.uid }).whereNot({ id: event.id }).first('id');
    if (taken) return false;
    await this.db('economic_events').where({ id: event.id }).update({ ...toRow(event), updated_at: at });
    return true;
  }

  async remove(id: string): Promise<boolean> {
    // With the rows returned: the embedded driver does not report a deleted-row count.
    const deleted = (await this.db('economic_events').where({ id }).delete().returning('id')) as unknown[];
    return deleted.length > 0;
  }

  async importMany(events: readonly EconomicEvent[], at: Date): Promise<ImportedEvent[]> {
    const stored = new Map<string, EconomicEvent>();
    // In slices: one statement's parameters are bounded (65,535 on PostgreSQL).
    for (let i = 0; i < events.length; i += 1_000) {
      const uids = events.slice(i, i + 1_000).map((event) => event.uid);
      const rows = (await this.db('economic_events').select(COLUMNS).whereIn('uid', uids).forUpdate()) as EconomicEventRow[];
      for (const row of rows) stored.set(row.uid, toEvent(row));
    }
    const outcomes: ImportedEvent[] = [];
    for (const event of events) {
      const before = stored.get(event.uid) ?? null;
      if (before === null) {
        // Another import added this uid after the rows were read: retrying the whole import reads it.
        if (!(await this.add(event, at))) throw new ConcurrencyConflict('economic_event', event.uid, 0);
        outcomes.push({ outcome: 'created', before: null, after: event });
        continue;
      }
      const after: EconomicEvent = { ...event, id: before.id };
      if (sameEconomicEvent(before, after)) {
        outcomes.push({ outcome: 'unchanged', before, after: before });
        continue;
      }
      await this.db('economic_events').where({ id: before.id }).update({ ...toRow(after), updated_at: at });
      outcomes.push({ outcome: 'updated', before, after });
    }
    return outcomes;
  }
}
