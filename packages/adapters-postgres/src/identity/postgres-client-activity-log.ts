import { DomainError } from '@tradesense/domain';
import {
  INVALID_CURSOR,
  type ClientActivityEntry,
  type ClientActivityKind,
  type ClientActivityLog,
  type CursorPage,
  type PageRequest,
  type StoredClientActivity,
} from '@tradesense/application';
import type { Knex } from 'knex';
import { decodeCursor, encodeCursor } from '../challenges/keyset-cursor.js';
import type { Queryable } from '../shared/queryable.js';

interface ClientActivityRow {
  id: string;
  user_id: string;
  kind: ClientActivityKind;
  login: string | null;
  ip: string | null;
  device_id: string | null;
  user_agent: string | null;
  at: Date;
}

const toActivity = (row: ClientActivityRow): StoredClientActivity => ({
  id: String(row.id),
  userId: row.user_id,
  kind: row.kind,
  login: row.login,
  ip: row.ip,
  deviceId: row.device_id,
  userAgent: row.user_agent,
  at: row.at,
});

/** The client_activity table: inserts and keyset pages on its growing id, nothing else (append-only). */
export class PostgresClientActivityLog implements ClientActivityLog {
  constructor(private readonly db: Queryable) {}

  async record(entry: ClientActivityEntry): Promise<void> {
    await this.db('client_activity').insert({
      user_id: entry.userId, kind: entry.kind, login: entry.login, ip: entry.ip,
      device_id: entry.deviceId, user_agent: entry.userAgent, at: entry.at,
    });
  }

  listByUser(userId: string, page: PageRequest): Promise<CursorPage<StoredClientActivity>> {
    return this.page(this.db('client_activity').where({ user_id: userId }), page);
  }

  listByIp(ip: string, page: PageRequest): Promise<CursorPage<StoredClientActivity>> {
    return this.page(this.db('client_activity').where({ ip }), page);
  }

  listByDevice(deviceId: string, page: PageRequest): Promise<CursorPage<StoredClientActivity>> {
    return this.page(this.db('client_activity').where({ device_id: deviceId }), page);
  }

  private async page(query: Knex.QueryBuilder, page: PageRequest): Promise<CursorPage<StoredClientActivity>> {
    if (page.cursor) {
      const parts = decodeCursor(page.cursor, ['bigint']);
      if (!parts) throw new DomainError(INVALID_CURSOR, 'The page cursor is not valid');
      void query.where('id', '<', parts[0]!);
    }
    const rows = (await query.orderBy('id', 'desc').limit(page.limit + 1)) as ClientActivityRow[];
    const pageRows = rows.slice(0, page.limit);
    const last = pageRows.at(-1);
    return {
      items: pageRows.map(toActivity),
      nextCursor: rows.length > page.limit && last ? encodeCursor([String(last.id)]) : null,
    };
  }
}
