import { Decimal } from 'decimal.js';
import type { FundedDealCursor, FundedDealCursorRepository, TrackedPosition } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';
import { json } from './column-values.js';

interface CursorRow {
  funded_account_id: string;
  last_deal_id: string | null;
  positions: Record<string, { volume: string; carried: string }>;
}

/** How far each funded account's deal feed was read, with the positions it still tracks. */
export class PostgresFundedDealCursorRepository implements FundedDealCursorRepository {
  constructor(private readonly db: Queryable) {}

  async find(fundedAccountId: string): Promise<FundedDealCursor | null> {
    const row = (await this.db('funded_deal_cursors').where({ funded_account_id: fundedAccountId }).first()) as CursorRow | undefined;
    return row ? toCursor(row) : null;
  }

  async lock(fundedAccountId: string): Promise<FundedDealCursor> {
    await this.db('funded_deal_cursors')
      .insert({ funded_account_id: fundedAccountId, last_deal_id: null, positions: json({}), updated_at: new Date(0) })
      .onConflict('funded_account_id')
      .ignore();
    const row = (await this.db('funded_deal_cursors').where({ funded_account_id: fundedAccountId }).forUpdate().first()) as CursorRow;
    return toCursor(row);
  }

  async save(cursor: FundedDealCursor, at: Date): Promise<void> {
    const positions = Object.fromEntries(
      [...cursor.positions].map(([id, position]) => [id, { volume: position.volume.toFixed(), carried: position.carried.toFixed() }]),
    );
    await this.db('funded_deal_cursors')
      .where({ funded_account_id: cursor.fundedAccountId })
      .update({ last_deal_id: cursor.lastDealId, positions: json(positions), updated_at: at });
  }
}

function toCursor(row: CursorRow): FundedDealCursor {
  const positions = new Map<string, TrackedPosition>(
    Object.entries(row.positions).map(([id, p]) => [id, { volume: new Decimal(p.volume), carried: new Decimal(p.carried) }]),
  );
  return { fundedAccountId: row.funded_account_id, lastDealId: row.last_deal_id, positions };
}
