import {
  Decimal,
  RuleSnapshot,
  drawdownStateToData,
  openDrawdownState,
  type BreachRecordData,
  type DrawdownStateData,
  type RuleSnapshotData,
  type TradingAccountOwner,
  type TradingAccountStatus,
} from '@tradesense/domain';
import type { Knex } from 'knex';
import type { Migration } from './migration.js';

const NAME = '0017_challenge_trading_accounts_moved';

/** Rows are moved this many at a time: one statement per batch, whatever the size of the firm. */
const BATCH = 500;

interface ChallengeRow {
  id: string;
  trader_id: string;
  status: string;
  phase: number;
  phase_passed: boolean;
  attempt: number;
  account_login: string | null;
  rules: RuleSnapshotData;
  phase_started_at: Date | null;
  open_positions: string[];
  last_trade_at: Date | null;
  drawdown: DrawdownStateData | null;
  history: StoredPhaseRecord[];
  overrides: StoredChallengeOverride[];
  ended_at: Date | null;
  updated_at: Date;
}

interface StoredPhaseRecord {
  phase: number;
  attempt: number;
  account: string;
  startedAt: string;
  endedAt: string;
  outcome: 'passed' | 'failed' | 'expired';
  finalBalance: string;
  breach: BreachRecordData | null;
}

interface StoredChallengeOverride {
  adminId: string;
  reason: string;
  at: string;
  previousStatus: string;
  original: BreachRecordData;
}

interface ChallengeAccountRow {
  login: string;
  challenge_id: string;
  phase: number;
  attempt: number;
  opened_at: Date;
}

interface OverrideAudit {
  subject_id: string;
  at: Date;
  details: { account?: string | null; dayStartBalance?: string; dayStartEquity?: string };
}

type StoredOverride = {
  adminId: string;
  reason: string;
  at: string;
  previousStatus: TradingAccountStatus;
  breachedAt: string | null;
  original: BreachRecordData;
  balance: string;
  equity: string;
};

type AccountRow = Record<string, unknown> & { login: string };

/**
 * Moves every challenge phase account into the trading-account storage of
 * 0013 (docs/rules.md §4), as 0016 did for funded accounts: each challenge
 * phase account (every phase of every attempt), the challenges' breach
 * verdicts and their day-start snapshots. Nothing is derived that the old
 * rows did not hold:
 * - the current phase account takes the challenge's drawdown state, open
 *   positions and last trade; an earlier phase account, whose state was not
 *   kept, starts from its frozen rules with its final balance as its last
 *   figures and its breach, if it had one;
 * - a challenge's overrides go to the account the overridden breach happened
 *   on, with the figures trading resumed from as the audit log recorded them.
 *
 * A challenge no longer holds drawdown state: what it still needs of it gets
 * columns of its own, filled from that state — `breach` (the breach it failed
 * on, `drawdown.breach`) and `last_balance` (the current account's balance
 * the profit target is measured on, `drawdown.lastBalance`). The `drawdown`
 * column (nullable since 0004) is no longer written; it, day_start_snapshots
 * and breach_verdicts stay as they are until a later migration drops them.
 *
 * The migration counts what it moved against what it read and fails (rolling
 * everything back) if anything is missing.
 */
export const challengeTradingAccountsMoved: Migration = {
  name: NAME,
  async up(knex: Knex) {
    await knex.schema.alterTable('challenges', (t) => {
      t.jsonb('breach');
      // No scale: the figure reads back as the domain spelled it, not padded to the column's scale.
      t.specificType('last_balance', 'numeric');
    });
    // A challenge breached before the breach engine kept records has none: it keeps none here either.
    await knex.raw(
      `update challenges set
         breach = case when jsonb_typeof(drawdown->'breach') = 'object' then drawdown->'breach' end,
         last_balance = (drawdown->>'lastBalance')::numeric
        where drawdown is not null`,
    );
    expectMoved(
      'challenges.breach',
      await count(knex, `select count(*) as n from challenges where breach is not null and breach = drawdown->'breach'`),
      await count(knex, `select count(*) as n from challenges where jsonb_typeof(drawdown->'breach') = 'object'`),
    );
    expectMoved(
      'challenges.last_balance',
      await count(knex, `select count(*) as n from challenges where last_balance = (drawdown->>'lastBalance')::numeric`),
      await count(knex, `select count(*) as n from challenges where drawdown->>'lastBalance' is not null`),
    );

    const audits = (await knex('audit_log')
      .where({ action: 'challenge.breach_overridden', subject_type: 'challenge' })
      .select('subject_id', 'at', 'details')) as OverrideAudit[];

    let expectedAccounts = 0;
    let after = '';
    for (;;) {
      const challenges = (await knex('challenges').where('id', '>', after).whereNot({ status: 'pending_payment' }).orderBy('id').limit(BATCH)) as ChallengeRow[];
      if (challenges.length === 0) break;
      after = challenges.at(-1)!.id;
      const logins = (await knex('challenge_accounts').whereIn(
        'challenge_id',
        challenges.map((challenge) => challenge.id),
      )) as ChallengeAccountRow[];
      expectedAccounts += logins.length;
      const rows = challenges.flatMap((challenge) =>
        phaseAccounts(
          challenge,
          logins.filter((login) => login.challenge_id === challenge.id),
          audits.filter((audit) => audit.subject_id === challenge.id),
        ),
      );
      if (rows.length > 0) await knex('trading_accounts').insert(rows);
    }

    await knex.raw(
      `insert into trading_account_verdicts (id, login, owner_kind, owner_id, owner, rule, breached_at, breach, inputs, input_hash, recorded_at)
       select v.id, v.login, 'challenge_phase', v.challenge_id,
              jsonb_build_object('kind', 'challenge_phase', 'id', v.challenge_id, 'phase', v.phase, 'attempt', v.attempt),
              v.rule, v.breached_at, v.breach, v.inputs, v.input_hash, v.recorded_at
         from breach_verdicts v`,
    );
    await knex.raw(
      `insert into trading_account_day_starts (login, trading_day, balance, equity, observed_at, taken_at)
       select login, trading_day, balance, equity, null, taken_at from day_start_snapshots`,
    );

    // Counted by owner kind: the funded accounts' rows (0016) are already there.
    expectMoved('trading_accounts', await count(knex, `select count(*) as n from trading_accounts where owner_kind = 'challenge_phase'`), expectedAccounts);
    expectMoved(
      'trading_account_verdicts',
      await count(knex, `select count(*) as n from trading_account_verdicts where owner_kind = 'challenge_phase'`),
      await count(knex, 'select count(*) as n from breach_verdicts'),
    );
    // Counted through the challenges' logins: a snapshot under a login no challenge traded on would be lost.
    expectMoved(
      'trading_account_day_starts',
      await count(
        knex,
        `select count(*) as n from trading_account_day_starts s join trading_accounts a on a.login = s.login where a.owner_kind = 'challenge_phase'`,
      ),
      await count(knex, 'select count(*) as n from day_start_snapshots'),
    );
  },

  /**
   * Gives the old columns and tables what the trading accounts hold now: each
   * challenge's drawdown state from its current account (with the breach the
   * challenge failed on), and the verdicts and day starts recorded since (the
   * old rows kept where both exist); then removes the challenges' trading
   * accounts, their verdicts and day starts, and the `breach` and
   * `last_balance` columns.
   *
   * Not reversible: what the old storage has no place for is lost, namely the
   * state of an earlier phase's account beyond its phase record, the figures
   * an override resumed trading from (the audit log keeps them), a trading
   * account's version and update time, and when a day start's figures were
   * observed. A challenge whose current login has no trading account (none
   * was opened for it) gets no drawdown state back.
   */
  async down(knex: Knex) {
    await knex.raw(
      `update challenges c
          set drawdown = case when c.breach is null then a.drawdown else jsonb_set(a.drawdown, '{breach}', c.breach) end
         from trading_accounts a
        where a.login = c.account_login and a.owner_kind = 'challenge_phase' and a.owner_id = c.id`,
    );
    await knex.raw(
      `insert into breach_verdicts (id, challenge_id, login, phase, attempt, rule, breached_at, breach, inputs, input_hash, recorded_at)
       select v.id, v.owner_id, v.login, (v.owner->>'phase')::int, (v.owner->>'attempt')::int,
              v.rule, v.breached_at, v.breach, v.inputs, v.input_hash, v.recorded_at
         from trading_account_verdicts v
         join challenges c on c.id = v.owner_id
        where v.owner_kind = 'challenge_phase'
       on conflict do nothing`,
    );
    await knex.raw(
      `insert into day_start_snapshots (login, trading_day, challenge_id, balance, equity, taken_at)
       select s.login, s.trading_day, a.owner_id, s.balance, s.equity, s.taken_at
         from trading_account_day_starts s
         join trading_accounts a on a.login = s.login and a.owner_kind = 'challenge_phase'
         join challenges c on c.id = a.owner_id
       on conflict do nothing`,
    );
    await knex.raw(`delete from trading_account_day_starts s using trading_accounts a where a.login = s.login and a.owner_kind = 'challenge_phase'`);
    await knex('trading_account_verdicts').where({ owner_kind: 'challenge_phase' }).delete();
    await knex('trading_accounts').where({ owner_kind: 'challenge_phase' }).delete();
    await knex.schema.alterTable('challenges', (t) => {
      t.dropColumn('breach');
      t.dropColumn('last_balance');
    });
  },
};

/** Every login a challenge traded on, as a trading account. */
function phaseAccounts(challenge: ChallengeRow, logins: readonly ChallengeAccountRow[], audits: readonly OverrideAudit[]): AccountRow[] {
  const rules = RuleSnapshot.restore(challenge.rules);
  const sorted = [...logins].sort((a, b) => a.opened_at.getTime() - b.opened_at.getTime() || a.login.localeCompare(b.login));
  const overridesOf = overridesByLogin(challenge, sorted, audits);
  return sorted.map((login) => {
    const owner: TradingAccountOwner = { kind: 'challenge_phase', id: challenge.id, phase: login.phase, attempt: login.attempt };
    const overrides = overridesOf.get(login.login) ?? [];
    const current = login.login === challenge.account_login && challenge.drawdown !== null;
    if (current) {
      const { status, closedAt, closeCause, breachedAt } = currentOutcome(challenge);
      return accountRow(login.login, challenge, owner, {
        status,
        drawdown: challenge.drawdown!,
        openPositions: status === 'active' ? challenge.open_positions : [],
        lastTradeAt: challenge.last_trade_at,
        breachedAt,
        overrides,
        openedAt: login.opened_at,
        closedAt,
        closeCause,
        updatedAt: challenge.updated_at,
      });
    }
    const record = challenge.history.find((entry) => entry.account === login.login);
    const startedAt = record ? new Date(record.startedAt) : login.opened_at;
    const endedAt = record ? new Date(record.endedAt) : (challenge.ended_at ?? challenge.updated_at);
    const finalBalance = new Decimal(record?.finalBalance ?? challenge.rules.initialBalance);
    const drawdown = drawdownStateToData({
      ...openDrawdownState(rules, startedAt),
      lastBalance: finalBalance,
      lastEquity: finalBalance,
    });
    const breach = record?.breach ?? null;
    const breached = record?.outcome === 'failed' && breach !== null;
    return accountRow(login.login, challenge, owner, {
      status: breached ? 'breached' : 'closed',
      drawdown: { ...drawdown, breach },
      openPositions: [],
      lastTradeAt: null,
      breachedAt: breached ? endedAt : null,
      overrides,
      openedAt: login.opened_at,
      closedAt: breached ? null : endedAt,
      closeCause: breached ? null : record?.outcome === 'passed' ? 'phase_passed' : (record?.outcome ?? 'superseded'),
      updatedAt: endedAt,
    });
  });
}

/** What became of the challenge's current account, from the challenge's status. */
function currentOutcome(challenge: ChallengeRow): {
  status: TradingAccountStatus;
  closedAt: Date | null;
  closeCause: string | null;
  breachedAt: Date | null;
} {
  const ended = challenge.ended_at ?? challenge.updated_at;
  switch (challenge.status) {
    case 'active':
      return challenge.phase_passed
        ? { status: 'closed', closedAt: challenge.updated_at, closeCause: 'phase_passed', breachedAt: null }
        : { status: 'active', closedAt: null, closeCause: null, breachedAt: null };
    case 'pending_kyc':
    case 'funded':
      return { status: 'closed', closedAt: challenge.updated_at, closeCause: 'phase_passed', breachedAt: null };
    case 'failed':
      return { status: 'breached', closedAt: null, closeCause: null, breachedAt: ended };
    default:
      return { status: 'closed', closedAt: ended, closeCause: challenge.status, breachedAt: null };
  }
}

/**
 * A challenge's overrides, each on the account its breach happened on (the
 * latest account opened at or before the breach), with the figures trading
 * resumed from (the audit entry of the override; the breach's own figures
 * if that entry is missing).
 */
function overridesByLogin(
  challenge: ChallengeRow,
  logins: readonly ChallengeAccountRow[],
  audits: readonly OverrideAudit[],
): Map<string, StoredOverride[]> {
  const byLogin = new Map<string, StoredOverride[]>();
  for (const override of challenge.overrides) {
    const breachAt = new Date(override.original.at).getTime();
    const account = [...logins].reverse().find((login) => login.opened_at.getTime() <= breachAt) ?? logins[0];
    if (!account) continue;
    const audit = audits.find((entry) => entry.at.getTime() === new Date(override.at).getTime());
    const previousStatus: TradingAccountStatus = override.previousStatus === 'failed' ? 'breached' : 'active';
    const stored: StoredOverride = {
      adminId: override.adminId,
      reason: override.reason,
      at: new Date(override.at).toISOString(),
      previousStatus,
      breachedAt: previousStatus === 'breached' ? new Date(override.original.at).toISOString() : null,
      original: override.original,
      balance: audit?.details.dayStartBalance ?? override.original.balance,
      equity: audit?.details.dayStartEquity ?? override.original.equity,
    };
    byLogin.set(account.login, [...(byLogin.get(account.login) ?? []), stored]);
  }
  return byLogin;
}

interface AccountFields {
  status: TradingAccountStatus;
  drawdown: DrawdownStateData;
  openPositions: readonly string[];
  lastTradeAt: Date | null;
  breachedAt: Date | null;
  overrides: readonly StoredOverride[];
  openedAt: Date;
  closedAt: Date | null;
  closeCause: string | null;
  updatedAt: Date;
}

function accountRow(login: string, challenge: ChallengeRow, owner: TradingAccountOwner, fields: AccountFields): AccountRow {
  return {
    login,
    trader_id: challenge.trader_id,
    owner_kind: owner.kind,
    owner_id: owner.id,
    owner: JSON.stringify(owner),
    status: fields.status,
    model_id: challenge.rules.modelId,
    model_version: challenge.rules.modelVersion,
    currency: challenge.rules.parameters.currency,
    initial_balance: fields.drawdown.initialBalance,
    rules: JSON.stringify(challenge.rules),
    drawdown: JSON.stringify(fields.drawdown),
    last_balance_operation_at: resumedAt(fields.overrides),
    open_positions: JSON.stringify(fields.openPositions),
    last_trade_at: fields.lastTradeAt,
    breached_at: fields.breachedAt,
    overrides: JSON.stringify(fields.overrides),
    opened_at: fields.openedAt,
    closed_at: fields.closedAt,
    close_cause: fields.closeCause,
    updated_at: fields.updatedAt,
    version: 1,
  };
}

/**
 * An override resumes the account from the figures the admin gave, as a
 * balance operation does: figures observed before it (account_equity) are
 * older than the account's own and must not become a day start.
 */
function resumedAt(overrides: readonly StoredOverride[]): Date | null {
  const latest = Math.max(...overrides.map((override) => Date.parse(override.at)));
  return Number.isFinite(latest) ? new Date(latest) : null;
}

/** The `n` of a `select count(*) as n` (text on both drivers: INT8). */
async function count(knex: Knex, sql: string): Promise<number> {
  const result = (await knex.raw(sql)) as { rows: Array<{ n: string | number }> };
  return Number(result.rows[0]?.n ?? 0);
}

function expectMoved(table: string, moved: number, read: number): void {
  if (moved !== read) throw new Error(`${NAME}: ${table} holds ${moved} moved rows, ${read} were read`);
}
