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

interface FundedRow {
  id: string;
  trader_id: string;
  trading_account_id: string;
  currency: string;
  initial_balance: string;
  status: 'active' | 'breached';
  opened_at: Date;
  open_position_ids: string[];
  breach: { cause: string; at: string } | null;
  breach_overrides: Array<{ adminId: string; reason: string; at: string; breachedAt: string; original: BreachRecordData; balance: string; equity: string }>;
  rules: RuleSnapshotData;
  drawdown: DrawdownStateData;
  last_balance_operation_at: Date | null;
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
 * Moves every watched login into the trading-account storage of 0013
 * (docs/rules.md §4): each challenge phase account (every phase of every
 * attempt), each funded account, their breach verdicts and their day-start
 * snapshots. Nothing is derived that the old rows did not hold:
 * - the current phase account takes the challenge's drawdown state, open
 *   positions and last trade; an earlier phase account, whose state was not
 *   kept, starts from its frozen rules with its final balance as its last
 *   figures and its breach, if it had one;
 * - a challenge's overrides go to the account the overridden breach happened
 *   on, with the figures trading resumed from as the audit log recorded them;
 * - funded accounts keep their own state and overrides as they are.
 * The migration counts what it moved against what it read and fails (rolling
 * everything back) if anything is missing. The old tables stay as they are.
 *
 * It is listed in MIGRATIONS together with the use cases that read the
 * trading-account storage: until they do, the old tables stay the record and
 * a copy taken earlier would go stale.
 */
export const tradingAccountsMoved: Migration = {
  name: '0014_trading_accounts_moved',
  async up(knex: Knex) {
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

    let afterFunded = '';
    for (;;) {
      const funded = (await knex('funded_accounts').where('id', '>', afterFunded).orderBy('id').limit(BATCH)) as FundedRow[];
      if (funded.length === 0) break;
      afterFunded = funded.at(-1)!.id;
      expectedAccounts += funded.length;
      await knex('trading_accounts').insert(funded.map(fundedAccount));
    }

    await knex.raw(
      `insert into trading_account_verdicts (id, login, owner_kind, owner_id, owner, rule, breached_at, breach, inputs, input_hash, recorded_at)
       select v.id, v.login, 'challenge_phase', v.challenge_id,
              jsonb_build_object('kind', 'challenge_phase', 'id', v.challenge_id, 'phase', v.phase, 'attempt', v.attempt),
              v.rule, v.breached_at, v.breach, v.inputs, v.input_hash, v.recorded_at
         from breach_verdicts v
       union all
       select v.id, v.login, 'funded_account', v.funded_account_id,
              jsonb_build_object('kind', 'funded_account', 'id', v.funded_account_id),
              v.rule, v.breached_at, v.breach, v.inputs, v.input_hash, v.recorded_at
         from funded_breach_verdicts v`,
    );
    await knex.raw(
      `insert into trading_account_day_starts (login, trading_day, balance, equity, observed_at, taken_at)
       select login, trading_day, balance, equity, null, taken_at from day_start_snapshots
       union all
       select login, trading_day, balance, equity, observed_at, taken_at from funded_day_start_snapshots`,
    );

    await expectMoved(knex, 'trading_accounts', expectedAccounts);
    await expectMoved(knex, 'trading_account_verdicts', (await count(knex, 'breach_verdicts')) + (await count(knex, 'funded_breach_verdicts')));
    await expectMoved(knex, 'trading_account_day_starts', (await count(knex, 'day_start_snapshots')) + (await count(knex, 'funded_day_start_snapshots')));
  },
  async down(knex: Knex) {
    await knex('trading_account_verdicts').delete();
    await knex('trading_account_day_starts').delete();
    await knex('trading_accounts').delete();
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
    last_balance_operation_at: null,
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

function fundedAccount(row: FundedRow): AccountRow {
  const owner: TradingAccountOwner = { kind: 'funded_account', id: row.id };
  const overrides: StoredOverride[] = row.breach_overrides.map((override) => ({ ...override, previousStatus: 'breached' }));
  const instants = [row.opened_at, row.last_balance_operation_at, row.breach ? new Date(row.breach.at) : null, ...overrides.map((o) => new Date(o.at))];
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
    open_positions: JSON.stringify(row.status === 'active' ? row.open_position_ids : []),
    last_trade_at: null,
    breached_at: row.breach ? new Date(row.breach.at) : null,
    overrides: JSON.stringify(overrides),
    opened_at: row.opened_at,
    closed_at: null,
    close_cause: null,
    updated_at: updatedAt,
    version: 1,
  };
}

async function count(knex: Knex, table: string): Promise<number> {
  const row = (await knex(table).count<{ count: string | number }[]>({ count: '*' }))[0];
  return Number(row?.count ?? 0);
}

async function expectMoved(knex: Knex, table: string, expected: number): Promise<void> {
  const moved = await count(knex, table);
  if (moved !== expected) throw new Error(`0014_trading_accounts_moved: ${table} holds ${moved} rows, ${expected} were read`);
}
