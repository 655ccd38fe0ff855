import type { ProhibitedCountry, ProhibitionReason } from '@tradesense/domain';
import type { ProhibitedCountryRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface ProhibitedCountryRow {
  code: string;
  name: string;
  reason: ProhibitionReason;
  updated_at: Date;
}

const toEntry = (row: ProhibitedCountryRow): ProhibitedCountry => ({ code: row.code, name: row.name, reason: row.reason });

export class PostgresProhibitedCountryRepository implements ProhibitedCountryRepository {
  constructor(private readonly db: Queryable) {}

  async list(): Promise<ProhibitedCountry[]> {
    const rows = (await this.db('prohibited_countries').orderBy('code')) as ProhibitedCountryRow[];
    return rows.map(toEntry);
  }

  async find(code: string): Promise<ProhibitedCountry | null> {
    const row = (await this.db('prohibited_countries').where({ code: code.toUpperCase() }).first()) as ProhibitedCountryRow | undefined;
    return row ? toEntry(row) : null;
  }

  async save(entry: ProhibitedCountry, at: Date): Promise<void> {
    await this.db('prohibited_countries')
      .insert({ code: entry.code, name: entry.name, reason: entry.reason, updated_at: at })
      .onConflict('code')
      .merge(['name', 'reason', 'updated_at']);
  }

  async remove(code: string): Promise<boolean> {
    return (await this.db('prohibited_countries').where({ code: code.toUpperCase() }).delete()) > 0;
  }
}
