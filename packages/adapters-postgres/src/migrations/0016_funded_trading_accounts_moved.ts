import type { BreachRecordData, DrawdownStateData, RuleSnapshotData, TradingAccountOwner, TradingAccountStatus } from '@tradesense/domain';
import type { Knex } from 'knex';
import type { Migration } from './migration.js';

const NAME = '0016_funded_trading_accounts_moved';

/** Rows are moved this many at a time: one statement per batch, whatever the size of the firm. */
const BATCH = 500;

interface FundedRow {
  id: string;
  trader_id: string;
  trading_account_id: string;
  currency: string;
  status: 'active' | 'breached';
  opened_at: Date;
  open_position_ids: string[];
  breach: { cause: string; at: string } | null;
  breach_overrides: Array<{ adminId: string; reason: string; at: string; breachedAt: string; original: BreachRecordData; balance: string; equity: string }>;
  rules: RuleSnapshotData;
  drawdown: DrawdownStateData;
  last_balance_operation_at: Date | null;
}

/**
 * Funded accounts' risk moves to their trading accounts (docs/rules.md §4):
 * every funded account becomes a trading account owned by it, on its login,
 * with its frozen rules, drawdown state (breach record included), last
 * balance operation, overrides and status; its breach verdicts and day-start
 * snapshots move under the login; and the record of the breach an account
 * ended on is kept with the funded account itself (`breach_record`), which
 * no longer reads any drawdown state. Nothing is derived that the old rows
 * did not hold. The migration counts what it moved against what it read and
 * fails (rolling everything back) when a count differs.
 *
 * The old risk columns (rules, drawdown, last_balance_operation_at) become
 * nullable and are no longer written; they and the tables
 * funded_day_start_snapshots and funded_breach_verdicts stay, holding what
 * they held, until challenges are moved too: a later migration drops them
 * once every account is on the trading-account storage.
 */
export const fundedTradingAccountsMoved: Migration = {
  name: NAME,
  async up(knex: Knex) {
    await knex.schema.alterTable('funded_accounts', (t) => {
      t.jsonb('breach_record');
    });
    await knex.raw('alter table funded_accounts alter column rules drop not null');
    await knex.raw('alter table funded_accounts alter column drawdown drop not null');

    let after = '';
    for (;;) {
      const funded = (await knex('funded_accounts').where('id', '>', after).orderBy('id').limit(BATCH)) as FundedRow[];
      if (funded.length === 0) break;
      after = funded.at(-1)!.id;
      await knex('trading_accounts').insert(funded.map(tradingAccountRow));
    }

    // Accounts breached before the breach engine watched them have no record: they keep none.
    await knex.raw(
      `update funded_accounts set breach_record = drawdown->'breach'
        where breach is not null and jsonb_typeof(drawdown->'breach') = 'object'`,
    );

    await knex.raw(
      `insert into trading_account_verdicts (id, login, owner_kind, owner_id, owner, rule, breached_at, breach, inputs, input_hash, recorded_at)
       select v.id, v.login, 'funded_account', v.funded_account_id,
              jsonb_build_object('kind', 'funded_account', 'id', v.funded_account_id),
              v.rule, v.breached_at, v.breach, v.inputs, v.input_hash, v.recorded_at
         from funded_breach_verdicts v`,
    );
    await knex.raw(
      `insert into trading_account_day_starts (login, trading_day, balance, equity, observed_at, taken_at)
       select login, trading_day, balance, equity, observed_at, taken_at from funded_day_start_snapshots`,
    );

    expectMoved(
      'trading_accounts',
      await count(knex.raw(`select count(*) as n from trading_accounts a join funded_accounts f on f.id = a.owner_id and f.trading_account_id = a.login where a.owner_kind = 'funded_account'`)),
      await count(knex.raw('select count(*) as n from funded_accounts')),
    );
    expectMoved(
      'trading_account_verdicts',
      await count(knex.raw(`select count(*) as n from trading_account_verdicts where owner_kind = 'funded_account'`)),
      await count(knex.raw('select count(*) as n from funded_breach_verdicts')),
    );
    // Counted through the funded accounts' logins: a snapshot under a login no funded account trades on would be lost.
    expectMoved(
      'trading_account_day_starts',
      await count(
        knex.raw(
          `select count(*) as n from trading_account_day_starts s join trading_accounts a on a.login = s.login where a.owner_kind = 'funded_account'`,
        ),
      ),
      await count(knex.raw('select count(*) as n from funded_day_start_snapshots')),
    );
    expectMoved(
      'funded_accounts.breach_record',
      await count(knex.raw(`select count(*) as n from funded_accounts where breach_record is not null and breach_record = drawdown->'breach'`)),
      await count(knex.raw(`select count(*) as n from funded_accounts where breach is not null and jsonb_typeof(drawdown->'breach') = 'object'`)),
    );
  },

  /**
   * Gives the old columns and tables back what the trading accounts hold now
   * (rules, drawdown with its breach, last balance operation; verdicts and
   * day starts recorded since, the old rows kept where both exist), then
   * removes the funded accounts' trading accounts, their verdicts and day
   * starts, and the breach_record column.
   *
   * Not reversible: what the old storage has no place for is lost, namely a
   * trading account's last trade time, version and update time, the status
   * an override found the account in, and a trading account closed for a
   * funded account (the funded account keeps its own status). A funded
   * account opened with no trading account has no rules to give back: the
   * rollback then fails rather than leave it unwatched.
   */
  async down(knex: Knex) {
    await knex.raw(
      `update funded_accounts f
          set rules = a.rules, drawdown = a.drawdown, last_balance_operation_at = a.last_balance_operation_at
         from trading_accounts a
        where a.owner_kind = 'funded_account' and a.owner_id = f.id`,
    );
    await knex.raw(
      `insert into funded_breach_verdicts (id, funded_account_id, login, rule, breached_at, breach, inputs, input_hash, recorded_at)
       select v.id, v.owner_id, v.login, v.rule, v.breached_at, v.breach, v.inputs, v.input_hash, v.recorded_at
         from trading_account_verdicts v
         join funded_accounts f on f.id = v.owner_id
        where v.owner_kind = 'funded_account'
       on conflict do nothing`,
    );
    await knex.raw(
      `insert into funded_day_start_snapshots (login, trading_day, funded_account_id, balance, equity, observed_at, taken_at)
       select s.login, s.trading_day, a.owner_id, s.balance, s.equity, s.observed_at, s.taken_at
         from trading_account_day_starts s
         join trading_accounts a on a.login = s.login and a.owner_kind = 'funded_account'
         join funded_accounts f on f.id = a.owner_id
       on conflict do nothing`,
    );
    await knex.raw(
      `delete from trading_account_day_starts s using trading_accounts a where a.login = s.login and a.owner_kind = 'funded_account'`,
    );
    await knex('trading_account_verdicts').where({ owner_kind: 'funded_account' }).delete();
    await knex('trading_accounts').where({ owner_kind: 'funded_account' }).delete();
    await knex.raw('alter table funded_accounts alter column rules set not null');
    await knex.raw('alter table funded_accounts alter column drawdown set not null');
    await knex.schema.alterTable('funded_accounts', (t) => {
      t.dropColumn('breach_record');
    });
  },
};

/** A funded account's trading account, from the risk state the funded row held. */
function tradingAccountRow(row: FundedRow): Record<string, unknown> {
  const owner: TradingAccountOwner = { kind: 'funded_account', id: row.id };
  // A funded account's breach was always cleared from the breached state (its aggregate knew no other).
  const overrides = row.breach_overrides.map((override) => ({ ...override, previousStatus: 'breached' satisfies TradingAccountStatus }));
  const breachedAt = row.breach ? new Date(row.breach.at) : null;
  // The old row kept no update time: the latest instant it records stands for it.
  const instants = [row.opened_at, row.last_balance_operation_at, breachedAt, ...overrides.map((override) => new Date(override.at))];
  const updatedAt = new Date(Math.max(...instants.filter((at): at is Date => at !== null).map((at) => at.getTime())));
  return {
    login: row.trading_account_id,
    trader_id: row.trader_id,
    owner_kind: owner.kind,
    owner_id: owner.id,
    owner: JSON.stringify(owner),
    status: row.status,
    model_id: row.rules.modelId,
    model_version: row.rules.modelVersion,
    currency: row.currency,
    initial_balance: row.drawdown.initialBalance,
    rules: JSON.stringify(row.rules),
    drawdown: JSON.stringify(row.drawdown),
    last_balance_operation_at: row.last_balance_operation_at,
    // A breached account's positions were closed at the breach.
    open_positions: JSON.stringify(row.status === 'active' ? row.open_position_ids : []),
    last_trade_at: null,
    breached_at: breachedAt,
    overrides: JSON.stringify(overrides),
    opened_at: row.opened_at,
    closed_at: null,
    close_cause: null,
    updated_at: updatedAt,
    version: 1,
  };
}

/** The `n` of a `select count(*) as n` (text on both drivers: INT8). */
async function count(query: Knex.Raw): Promise<number> {
  const result = (await query) as { rows: Array<{ n: string | number }> };
  return Number(result.rows[0]?.n ?? 0);
}

function expectMoved(what: string, moved: number, read: number): void {
  if (moved !== read) throw new Error(`${NAME}: ${what} holds ${moved} moved rows, ${read} were read`);
}
