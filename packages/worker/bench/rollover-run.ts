import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNIT_OF_WORK } from '@tradesense/application';
import { TRADING_CALENDAR, type Platform } from '@tradesense/bootstrap';
import { TradingAccount, unwrap } from '@tradesense/domain';
import { createServerDatabase, startProcessPlatform, type ServerDatabase } from '../src/testing/process-database.js';
import { BENCH_RULES, loginOf } from './bench-book.js';

export interface RolloverResult {
  readonly accounts: number;
  /** Seconds of each timed day-start snapshot (successive trading days). */
  readonly seconds: readonly number[];
  readonly loadSeconds: number;
}

export type RolloverOutcome = { readonly ok: true; readonly result: RolloverResult } | { readonly ok: false; readonly reason: string };

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const T0 = new Date('2024-06-11T09:00:00Z');
/** Timed rollovers, each into the next trading day (the first is what a real reset does; the others show the spread). */
const ROUNDS = 3;
/** One account in twenty has no stored figures yet, so the snapshot's fallback to the initial balance is exercised. */
const WITHOUT_FIGURES = 20;

/**
 * The set-based day-start snapshot of the day rollover
 * (`tradingDayStarts.snapshot`, the statement the `day-rollover` job's use
 * case starts with) for `accounts` active trading accounts on a scratch
 * PostgreSQL database: created, migrated, filled set-based (one challenge
 * phase account made through the domain and the repository, cloned in SQL;
 * account figures generated in SQL), timed through the unit of work, dropped.
 */
export async function runRollover(accounts: number): Promise<RolloverOutcome> {
  const serverUrl = process.env['BENCH_DATABASE_URL'] ?? DEFAULT_URL;
  let database: ServerDatabase;
  try {
    database = await createServerDatabase(serverUrl, 'ts_bench');
  } catch (error) {
    return { ok: false, reason: `no scratch database on PostgreSQL at ${redact(serverUrl)} (${(error as Error).message})` };
  }
  const workDir = mkdtempSync(join(tmpdir(), 'tradesense-bench-'));
  try {
    const platform = await startProcessPlatform({ url: database.url }, workDir, {}, { migrate: true });
    try {
      const loadStarted = process.hrtime.bigint();
      await fill(platform, accounts);
      const loadSeconds = Number(process.hrtime.bigint() - loadStarted) / 1e9;
      const uow = platform.get(UNIT_OF_WORK);
      const calendar = platform.get(TRADING_CALENDAR);
      const seconds: number[] = [];
      let reset = calendar.nextReset(T0);
      for (let round = 0; round < ROUNDS; round += 1) {
        const day = calendar.tradingDayOf(reset);
        const at = reset;
        const started = process.hrtime.bigint();
        const written = await uow.run((tx) => tx.tradingDayStarts.snapshot(day, at));
        seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
        if (written !== accounts) throw new Error(`the snapshot of ${day} wrote ${written} rows for ${accounts} accounts`);
        reset = calendar.nextReset(new Date(reset.getTime() + 1));
      }
      return { ok: true, result: { accounts, seconds, loadSeconds } };
    } finally {
      await platform.close();
    }
  } finally {
    await database.drop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** `accounts` active challenge phase accounts with their latest figures. */
async function fill(platform: Platform, accounts: number): Promise<void> {
  const registered = await platform.useCases.registerUser.execute({
    email: 'bench-trader@example.com',
    password: 'long enough password',
    country: 'DE',
    displayName: 'Bench Trader',
  });
  if (!registered.ok) throw new Error(`registering the bench trader failed: ${registered.error.code}`);
  const owner = { kind: 'challenge_phase', id: 'bench-template', phase: 1, attempt: 1 } as const;
  const template = unwrap(
    TradingAccount.open({ login: 'bench-template-login', traderId: registered.value.userId, owner, rules: BENCH_RULES, at: T0 }),
  );
  await platform.get(UNIT_OF_WORK).run((tx) => tx.tradingAccounts.save(template));

  const knex = platform.database.knex;
  // Every column of the stored template, whatever the schema holds by now; only the login and the owner differ.
  const columns = ((await knex('information_schema.columns')
    .where({ table_schema: 'public', table_name: 'trading_accounts' })
    .orderBy('ordinal_position')
    .select('column_name')) as { column_name: string }[]).map((row) => row.column_name);
  const login = `(${loginOf(0)}::bigint + g)::text`;
  const values = columns.map((column) => {
    if (column === 'login') return login;
    if (column === 'owner_id') return `'bench-' || g`;
    if (column === 'owner') return `jsonb_set(t.owner, '{id}', to_jsonb('bench-' || g))`;
    return `t."${column}"`;
  });
  await knex.raw(
    `insert into trading_accounts (${columns.map((column) => `"${column}"`).join(', ')})
     select ${values.join(', ')} from trading_accounts t cross join generate_series(0, ?::int - 1) g where t.login = 'bench-template-login'`,
    [accounts],
  );
  await knex('trading_accounts').where({ login: 'bench-template-login' }).delete();
  // Balances and equities spread around the initial 100,000, to the cent.
  await knex.raw(
    `insert into account_equity (login, balance, equity, updated_at, ledger_balance, last_deal_id)
     select ${login}, b.balance, b.balance + ((g::bigint * 104729) % 400000 - 200000) / 100.0, ?, b.balance, 'deal-' || g
       from generate_series(0, ?::int - 1) g
       cross join lateral (select 100000 + ((g::bigint * 7919) % 1000000 - 500000) / 100.0 as balance) b
      where g % ? <> 0`,
    [T0, accounts, WITHOUT_FIGURES],
  );
  await knex.raw('analyze trading_accounts');
  await knex.raw('analyze account_equity');
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
