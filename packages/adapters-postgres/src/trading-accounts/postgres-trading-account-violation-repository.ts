import { DomainError, type RestrictionViolationData, type RestrictionViolationInputs, type TradingAccountOwner } from '@tradesense/domain';
import {
  INVALID_CURSOR,
  type CursorPage,
  type PageRequest,
  type StoredTradingAccountViolation,
  type TradingAccountViolationRepository,
  type ViolationClearing,
} from '@tradesense/application';
import type { Knex } from 'knex';
import { decodeCursor, encodeCursor } from '../challenges/keyset-cursor.js';
import type { Queryable } from '../shared/queryable.js';

interface ViolationRow {
  seq: string | number;
  login: string;
  id: string;
  owner: TradingAccountOwner;
  violation: RestrictionViolationData;
  inputs: RestrictionViolationInputs;
  input_hash: string;
  trading_day: string;
  status: 'open' | 'cleared';
  cleared: { adminId: string; reason: string; at: string } | null;
  recorded_at: Date;
  positions_closed_at: Date | null;
}

const toStored = (row: ViolationRow): StoredTradingAccountViolation => ({
  id: row.id,
  login: row.login,
  owner: row.owner,
  violation: row.violation,
  inputs: row.inputs,
  inputHash: row.input_hash,
  tradingDay: row.trading_day,
  status: row.status,
  cleared: row.cleared ? { ...row.cleared, at: new Date(row.cleared.at) } : null,
  recordedAt: row.recorded_at,
  positionsClosedAt: row.positions_closed_at,
});

/** Restriction violations of every kind of account; one row per login and violation id. */
export class PostgresTradingAccountViolationRepository implements TradingAccountViolationRepository {
  constructor(private readonly db: Queryable) {}

  async add(stored: StoredTradingAccountViolation): Promise<boolean> {
    const inserted = (await this.db('trading_account_violations')
      .insert({
        login: stored.login,
        id: stored.id,
        owner_kind: stored.owner.kind,
        owner_id: stored.owner.id,
        owner: JSON.stringify(stored.owner),
        restriction: stored.violation.restriction,
        action: stored.violation.action,
        violated_at: new Date(stored.violation.at),
        violation: JSON.stringify(stored.violation),
        inputs: JSON.stringify(stored.inputs),
        input_hash: stored.inputHash,
        trading_day: stored.tradingDay,
        status: stored.status,
        cleared: stored.cleared ? JSON.stringify({ ...stored.cleared, at: stored.cleared.at.toISOString() }) : null,
        recorded_at: stored.recordedAt,
        positions_closed_at: stored.positionsClosedAt,
      })
      .onConflict(['login', 'id'])
      .ignore()
      .returning('id')) as unknown[];
    return inserted.length > 0;
  }

  async find(login: string, id: string, options: { readonly lock?: boolean } = {}): Promise<StoredTradingAccountViolation | null> {
    const query = this.db('trading_account_violations').where({ login, id }).first();
    if (options.lock) void query.forUpdate();
    const row = (await query) as ViolationRow | undefined;
    return row ? toStored(row) : null;
  }

  async listOpen(page: PageRequest): Promise<CursorPage<StoredTradingAccountViolation>> {
    const query = this.db('trading_account_violations').where({ status: 'open' });
    if (page.cursor) {
      const parts = decodeCursor(page.cursor, ['bigint']);
      if (!parts) throw new DomainError(INVALID_CURSOR, 'The page cursor is not valid');
      void query.where('seq', '<', parts[0]!);
    }
    const rows = (await (query as Knex.QueryBuilder).orderBy('seq', 'desc').limit(page.limit + 1)) as ViolationRow[];
    const pageRows = rows.slice(0, page.limit);
    const last = pageRows.at(-1);
    return {
      items: pageRows.map(toStored),
      nextCursor: rows.length > page.limit && last ? encodeCursor([String(last.seq)]) : null,
    };
  }

  async listByLogin(login: string): Promise<StoredTradingAccountViolation[]> {
    const rows = (await this.db('trading_account_violations').where({ login }).orderBy('seq', 'desc')) as ViolationRow[];
    return rows.map(toStored);
  }

  async markCleared(login: string, id: string, clearing: ViolationClearing): Promise<boolean> {
    const cleared = JSON.stringify({ adminId: clearing.adminId, reason: clearing.reason, at: clearing.at.toISOString() });
    const updated = await this.db('trading_account_violations').where({ login, id, status: 'open' }).update({ status: 'cleared', cleared });
    return updated > 0;
  }

  async markPositionsClosed(login: string, id: string, at: Date): Promise<boolean> {
    const updated = await this.db('trading_account_violations').where({ login, id }).whereNull('positions_closed_at').update({ positions_closed_at: at });
    return updated > 0;
  }
}
