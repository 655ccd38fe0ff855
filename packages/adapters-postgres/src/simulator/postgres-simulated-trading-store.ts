import { Decimal } from 'decimal.js';
import type {
  BalanceOperationKind,
  Deal,
  DealEntry,
  DealKind,
  DealReason,
  PositionSide,
  SimulatedAccountRecord,
  SimulatedBalanceOperationRecord,
  SimulatedCounter,
  SimulatedPositionRecord,
  SimulatedTradingStore,
  SimulatedTradingTransaction,
  TradingLogin,
} from '@tradesense/application';
import type { Knex } from 'knex';
import { joinOrBegin } from '../uow/ambient-transaction.js';
import type { Database } from '../database/database.js';

/** Notification channel of committed simulated deals; the payload is the login. */
export const SIMULATED_DEALS_CHANNEL = 'tradesense_sim_deals';

interface AccountRow {
  login: string;
  name: string;
  email: string | null;
  swap_free: boolean;
  group_name: string;
  leverage: number;
  trading_enabled: boolean;
  balance: string;
}

interface PositionRow {
  position_id: string;
  login: string;
  symbol: string;
  side: string;
  volume: string;
  open_price: string;
  opened_at: Date;
  stop_loss: string | null;
  take_profit: string | null;
  swap: string;
}

interface DealRow {
  ticket: string;
  login: string;
  time: Date;
  kind: string;
  entry: string | null;
  reason: string;
  symbol: string | null;
  position_id: string | null;
  volume: string;
  price: string;
  profit: string;
  swap: string;
  commission: string;
  comment: string;
}

const decimalOrNull = (value: string | null): Decimal | null => (value === null ? null : new Decimal(value));

function toAccount(row: AccountRow): SimulatedAccountRecord {
  return {
    login: row.login,
    name: row.name,
    email: row.email,
    swapFree: row.swap_free,
    group: row.group_name,
    leverage: row.leverage,
    tradingEnabled: row.trading_enabled,
    balance: new Decimal(row.balance),
  };
}

function toPosition(row: PositionRow): SimulatedPositionRecord {
  return {
    positionId: row.position_id,
    login: row.login,
    symbol: row.symbol,
    side: row.side as PositionSide,
    volume: new Decimal(row.volume),
    openPrice: new Decimal(row.open_price),
    openedAt: new Date(row.opened_at),
    stopLoss: decimalOrNull(row.stop_loss),
    takeProfit: decimalOrNull(row.take_profit),
    swap: new Decimal(row.swap),
  };
}

function toDeal(row: DealRow): Deal {
  return {
    dealId: row.ticket,
    login: row.login,
    time: new Date(row.time),
    kind: row.kind as DealKind,
    entry: row.entry as DealEntry | null,
    reason: row.reason as DealReason,
    symbol: row.symbol,
    positionId: row.position_id,
    volume: new Decimal(row.volume),
    price: new Decimal(row.price),
    profit: new Decimal(row.profit),
    swap: new Decimal(row.swap),
    commission: new Decimal(row.commission),
    comment: row.comment,
  };
}

/**
 * The simulated server's books in the database, shared by every process
 * (PGlite embedded, PostgreSQL in server mode). Each transaction is a knex
 * transaction (READ COMMITTED); accounts are read `FOR UPDATE` when locked,
 * and counters are bumped with one `UPDATE … RETURNING`, whose row lock lasts
 * until commit.
 */
export class PostgresSimulatedTradingStore implements SimulatedTradingStore {
  constructor(private readonly database: Pick<Database, 'knex' | 'listen'>) {}

  transaction<T>(work: (tx: SimulatedTradingTransaction) => Promise<T>): Promise<T> {
    // Inside a use case's unit of work (a payout's withdrawal), the books change in its transaction.
    return joinOrBegin(this.database.knex, (trx) => work(new PostgresSimulatedTransaction(trx)));
  }

  async marketAnchor(proposed: Date): Promise<Date> {
    const knex = this.database.knex;
    await knex('sim_market').insert({ id: 1, anchor: proposed }).onConflict('id').ignore();
    const row = (await knex('sim_market').where({ id: 1 }).first('anchor')) as { anchor: Date };
    return new Date(row.anchor);
  }

  watchDeals(listener: { deal(login: TradingLogin): void; resumed(): void }): Promise<() => Promise<void>> {
    return this.database.listen(SIMULATED_DEALS_CHANNEL, {
      message: (login) => listener.deal(login),
      resumed: () => listener.resumed(),
      // Listening is re-established in the background; `resumed` follows.
      failed: () => undefined,
    });
  }
}

class PostgresSimulatedTransaction implements SimulatedTradingTransaction {
  constructor(private readonly trx: Knex.Transaction) {}

  async nextNumber(counter: SimulatedCounter, first: number): Promise<number> {
    const result = await this.trx.raw(
      `insert into sim_counters (name, next_value) values (?, ?)
       on conflict (name) do update set next_value = sim_counters.next_value + 1
       returning next_value`,
      [counter, first],
    );
    return Number((result.rows as { next_value: string }[])[0]!.next_value);
  }

  async insertAccount(account: SimulatedAccountRecord): Promise<void> {
    await this.trx('sim_accounts').insert({
      login: account.login,
      name: account.name,
      email: account.email,
      swap_free: account.swapFree,
      group_name: account.group,
      leverage: account.leverage,
      trading_enabled: account.tradingEnabled,
      balance: account.balance.toFixed(2),
    });
  }

  async account(login: TradingLogin, options: { readonly lock?: boolean } = {}): Promise<SimulatedAccountRecord | null> {
    const query = this.trx('sim_accounts').where({ login }).first();
    const row = (await (options.lock ? query.forUpdate() : query)) as AccountRow | undefined;
    return row ? toAccount(row) : null;
  }

  async updateAccount(account: SimulatedAccountRecord): Promise<void> {
    await this.trx('sim_accounts').where({ login: account.login }).update({
      group_name: account.group,
      leverage: account.leverage,
      trading_enabled: account.tradingEnabled,
      balance: account.balance.toFixed(2),
    });
  }

  async positions(login: TradingLogin): Promise<SimulatedPositionRecord[]> {
    const rows = (await this.trx('sim_positions').where({ login }).orderBy('position_id')) as PositionRow[];
    return rows.map(toPosition);
  }

  async openBook(): Promise<{ accounts: SimulatedAccountRecord[]; positions: SimulatedPositionRecord[] }> {
    const positions = ((await this.trx('sim_positions').orderBy('position_id')) as PositionRow[]).map(toPosition);
    if (positions.length === 0) return { accounts: [], positions };
    const accounts = (await this.trx('sim_accounts').whereIn('login', this.trx('sim_positions').distinct('login'))) as AccountRow[];
    return { accounts: accounts.map(toAccount), positions };
  }

  async insertPosition(position: SimulatedPositionRecord): Promise<void> {
    await this.trx('sim_positions').insert({
      position_id: position.positionId,
      login: position.login,
      symbol: position.symbol,
      side: position.side,
      volume: position.volume.toString(),
      open_price: position.openPrice.toString(),
      opened_at: position.openedAt,
      stop_loss: position.stopLoss?.toString() ?? null,
      take_profit: position.takeProfit?.toString() ?? null,
      swap: position.swap.toFixed(2),
    });
  }

  async updatePosition(position: SimulatedPositionRecord): Promise<void> {
    await this.trx('sim_positions').where({ position_id: position.positionId }).update({
      stop_loss: position.stopLoss?.toString() ?? null,
      take_profit: position.takeProfit?.toString() ?? null,
      swap: position.swap.toFixed(2),
    });
  }

  async deletePosition(positionId: string): Promise<boolean> {
    // RETURNING rather than the affected-row count, which not every driver reports.
    const deleted = (await this.trx('sim_positions').where({ position_id: positionId }).delete().returning('position_id')) as unknown[];
    return deleted.length > 0;
  }

  async position(positionId: string): Promise<SimulatedPositionRecord | null> {
    if (!/^[0-9]{1,18}$/.test(positionId)) return null;
    const row = (await this.trx('sim_positions').where({ position_id: positionId }).first()) as PositionRow | undefined;
    return row ? toPosition(row) : null;
  }

  async insertDeal(deal: Deal): Promise<void> {
    await this.trx('sim_deals').insert({
      ticket: deal.dealId,
      login: deal.login,
      time: deal.time,
      kind: deal.kind,
      entry: deal.entry,
      reason: deal.reason,
      symbol: deal.symbol,
      position_id: deal.positionId,
      volume: deal.volume.toString(),
      price: deal.price.toString(),
      profit: deal.profit.toFixed(2),
      swap: deal.swap.toFixed(2),
      commission: deal.commission.toFixed(2),
      comment: deal.comment,
    });
    // Delivered when this transaction commits, to every process listening (this one too).
    await this.trx.raw('select pg_notify(?, ?)', [SIMULATED_DEALS_CHANNEL, deal.login]);
  }

  async dealsAfter(login: TradingLogin, afterDealId: string | null, limit: number): Promise<Deal[]> {
    const query = this.trx('sim_deals').where({ login });
    if (afterDealId !== null) {
      if (!/^[0-9]{1,18}$/.test(afterDealId)) return [];
      void query.where('ticket', '>', afterDealId);
    }
    const rows = (await query.orderBy('ticket').limit(limit)) as DealRow[];
    return rows.map(toDeal);
  }

  async dealsBetween(login: TradingLogin, from: Date, to: Date): Promise<Deal[]> {
    const rows = (await this.trx('sim_deals').where({ login }).where('time', '>=', from).where('time', '<', to).orderBy('ticket')) as DealRow[];
    return rows.map(toDeal);
  }

  async dealCount(): Promise<number> {
    const row = (await this.trx('sim_deals').count({ count: '*' }).first()) as { count: string | number };
    return Number(row.count);
  }

  async balanceOperation(clientOperationId: string): Promise<SimulatedBalanceOperationRecord | null> {
    const row = (await this.trx('sim_balance_operations').where({ client_operation_id: clientOperationId }).first()) as
      | { client_operation_id: string; login: string; kind: string; amount: string; deal_ticket: string }
      | undefined;
    if (!row) return null;
    return {
      clientOperationId: row.client_operation_id,
      login: row.login,
      kind: row.kind as BalanceOperationKind,
      amount: new Decimal(row.amount),
      dealId: row.deal_ticket,
    };
  }

  async insertBalanceOperation(operation: SimulatedBalanceOperationRecord): Promise<void> {
    await this.trx('sim_balance_operations').insert({
      client_operation_id: operation.clientOperationId,
      login: operation.login,
      kind: operation.kind,
      amount: operation.amount.toFixed(2),
      deal_ticket: operation.dealId,
    });
  }

  async markRollover(login: TradingLogin, at: Date): Promise<boolean> {
    const inserted = (await this.trx('sim_rollovers').insert({ login, at }).onConflict(['login', 'at']).ignore().returning('login')) as unknown[];
    return inserted.length > 0;
  }
}
