import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { daysBetween, type LocalDate } from '../calendar/local-date.js';
import type { DealAction } from '../trading-account/trading-account-deal.js';
import { aBreachRecord } from '../testing/breach-record-mother.js';
import { breachToData } from '../drawdown/breach-record.js';
import { Challenge } from './challenge.js';
import type { ChallengeErrorCode } from './challenge-errors.js';
import type { ChallengeState } from './challenge-state.js';
import { snapshotOf } from './testing/challenge-fixtures.js';

/**
 * Model-based test: random open/close/partial-close/rollDay/jump/idle/breach/
 * override/late-deal/next-phase/reset commands drive a 100k Stellar 2-Step
 * challenge (targets 8% and 5%, 5 days, 30 idle days) through the facts its
 * phase's trading account reports, and a small reference model side by side.
 * The model re-reads the rule book (§3) directly: whole-dollar figures, a
 * day counted on its first opening deal, passes on a close or at a day start
 * with nothing open, inactivity at a day start, a deal from a later day
 * preceded by that day's start (the trading account runs the missed
 * rollover first), a breach failing the challenge once and an override
 * making it trade again. The loss limits are the trading account's and not
 * modelled here (trading-account.model.prop.test.ts). The run starts a week
 * before the 2026-03-08 DST change.
 */
const rules = snapshotOf();
const calendar = rules.calendar;
const START = new Date(calendar.startOf('2026-03-02').getTime() + 3_600_000);
const TARGETS = [108_000, 105_000];

type Status = 'active' | 'failed' | 'expired' | 'pending_kyc';
interface Model {
  now: Date;
  /** The trading day the current account last started (or the phase or an override began in). */
  day: LocalDate;
  status: Status;
  phase: number;
  phasePassed: boolean;
  balance: number;
  /** The balance last reported in this phase (null: none yet). */
  reported: number | null;
  open: string[];
  days: Set<LocalDate>;
  lastActivity: Date;
  nextId: number;
  attempt: number;
  login: string;
  earlierLogin: string | null;
  history: [number, string, string][];
  overrides: number;
}
interface Real {
  challenge: Challenge;
}

const dayOf = (at: Date): LocalDate => calendar.tradingDayOf(at);
const isTrading = (m: Model) => m.status === 'active' && !m.phasePassed;
const passes = (m: Model) => m.balance >= TARGETS[m.phase - 1]! && m.days.size >= 5 && m.open.length === 0;
const finalBalance = (m: Model) => String(m.reported ?? 100_000);

function pass(m: Model): void {
  m.history.push([m.phase, 'passed', finalBalance(m)]);
  m.phasePassed = true;
  if (m.phase === TARGETS.length) m.status = 'pending_kyc';
}

function freshPhase(m: Model, phase: number, login: string): void {
  Object.assign(m, {
    phase,
    phasePassed: false,
    status: 'active',
    balance: 100_000,
    reported: null,
    open: [],
    days: new Set(),
    day: dayOf(m.now),
    lastActivity: m.now,
    earlierLogin: m.login,
    login,
  });
}

/** A day start on the current account with the model's figures: the pass check, then the inactivity limit. */
function startDay(m: Model, r: Real, day: LocalDate, at: Date): void {
  const before = r.challenge.toState();
  const result = r.challenge.recordTradingDayStarted({
    account: m.login,
    day,
    at,
    balance: new Decimal(m.balance),
    openPositions: m.open.length,
  });
  if (!result.ok) throw result.error;
  if (!isTrading(m)) {
    expect(result.value).toEqual({ passCheck: null, passed: false, expired: false });
    expect(r.challenge.toState()).toEqual(before);
    return;
  }
  m.day = day;
  m.reported = m.balance;
  const shouldPass = passes(m);
  const shouldExpire = !shouldPass && daysBetween(dayOf(m.lastActivity), day) > 30;
  expect(result.value.passed).toBe(shouldPass);
  expect(result.value.expired).toBe(shouldExpire);
  if (shouldPass) pass(m);
  // The record of an expired attempt is written at its reset.
  if (shouldExpire) m.status = 'expired';
}

/** A deal on the current account: a missed day start first, as the trading account reports it, then the deal. */
function deal(m: Model, r: Real, action: DealAction, balance: number, change: () => void): { passed: boolean } {
  m.now = new Date(m.now.getTime() + 60_000);
  const day = dayOf(m.now);
  if (isTrading(m) && day > m.day) startDay(m, r, day, calendar.startOf(day));
  const trading = isTrading(m);
  const before = r.challenge.toState();
  let open = m.open.length;
  if (trading) {
    change();
    m.balance = balance;
    m.reported = balance;
    m.lastActivity = m.now;
    open = m.open.length;
  }
  const result = r.challenge.recordTradingActivity({ account: m.login, action, at: m.now, tradingDay: day, balance: new Decimal(balance), openPositions: open });
  if (!result.ok) throw result.error;
  if (!trading) {
    expect(result.value).toEqual({ countedDay: null, passCheck: null, passed: false });
    expect(r.challenge.toState()).toEqual(before);
  }
  return { passed: result.value.passed };
}

function compare(m: Model, r: Real): void {
  const c = r.challenge;
  const state: ChallengeState = c.toState();
  expect(c.status).toBe(m.status);
  expect(c.phase).toBe(m.phase);
  expect(c.phasePassed).toBe(m.phasePassed);
  expect(c.attempt).toBe(m.attempt);
  expect(c.account).toBe(m.login);
  expect(c.isTrading).toBe(isTrading(m));
  expect([...c.countedTradingDays].sort()).toEqual([...m.days].sort());
  expect(c.breach !== null).toBe(m.status === 'failed');
  expect(state.lastBalance).toBe(m.reported === null ? null : String(m.reported));
  expect(c.history.map((record) => [record.phase, record.outcome, record.finalBalance])).toEqual(m.history);
  expect(c.overrides).toHaveLength(m.overrides);
  expect(state).not.toHaveProperty('drawdown');
}

class OpenCommand implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    const id = `p${m.nextId++}`;
    const wasTrading = isTrading(m);
    const counted = r.challenge.countedTradingDays.length;
    deal(m, r, 'open', m.balance, () => {
      m.open.push(id);
      m.days.add(dayOf(m.now));
    });
    if (!wasTrading) expect(r.challenge.countedTradingDays).toHaveLength(counted);
  }
  toString = () => 'open';
}

class CloseCommand implements fc.Command<Model, Real> {
  constructor(readonly pnl: number, readonly partial: boolean) {}
  check = (m: Readonly<Model>) => isTrading(m) && m.open.length > 0;
  run(m: Model, r: Real): void {
    const balance = m.balance + this.pnl;
    let closed = false;
    const { passed } = deal(m, r, this.partial ? 'partial_close' : 'close', balance, () => {
      if (!this.partial) m.open.shift();
      closed = !this.partial;
    });
    const shouldPass = closed && passes(m);
    expect(passed).toBe(shouldPass);
    if (shouldPass) pass(m);
  }
  toString = () => `${this.partial ? 'partialClose' : 'close'}(${this.pnl})`;
}

/** A deal from the login of the phase before (its account is closed): nothing changes. */
class LateDealCommand implements fc.Command<Model, Real> {
  check = (m: Readonly<Model>) => m.earlierLogin !== null;
  run(m: Model, r: Real): void {
    m.now = new Date(m.now.getTime() + 60_000);
    const before = r.challenge.toState();
    const fact = { account: m.earlierLogin!, action: 'open' as const, at: m.now, tradingDay: dayOf(m.now), balance: new Decimal(123_456), openPositions: 0 };
    expect(r.challenge.recordTradingActivity(fact)).toEqual({ ok: true, value: { countedDay: null, passCheck: null, passed: false } });
    expect(r.challenge.toState()).toEqual(before);
  }
  toString = () => 'lateDeal';
}

function rollOnce(m: Model, r: Real): void {
  m.now = calendar.nextReset(m.now);
  startDay(m, r, dayOf(m.now), m.now);
}

class RollDayCommand implements fc.Command<Model, Real> {
  check = () => true;
  run = (m: Model, r: Real) => rollOnce(m, r);
  toString = () => 'rollDay';
}

class IdleCommand implements fc.Command<Model, Real> {
  constructor(readonly days: number) {}
  check = (m: Readonly<Model>) => isTrading(m);
  run(m: Model, r: Real): void {
    for (let i = 0; i < this.days && isTrading(m); i++) rollOnce(m, r);
  }
  toString = () => `idle(${this.days})`;
}

class JumpCommand implements fc.Command<Model, Real> {
  constructor(readonly hours: number) {}
  check = () => true;
  run(m: Model): void {
    m.now = new Date(m.now.getTime() + this.hours * 3_600_000);
  }
  toString = () => `jump(${this.hours}h)`;
}

/** The trading account handled a breach (§4): the challenge fails on it; the forced close left nothing open. */
class BreachCommand implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    m.now = new Date(m.now.getTime() + 60_000);
    const before = r.challenge.toState();
    const result = r.challenge.failOnBreach(aBreachRecord({ at: m.now, tradingDay: dayOf(m.now) }), m.now, m.login);
    if (m.status === 'failed') {
      // A second breach is a no-op: the first stands.
      expect(result.ok).toBe(true);
      expect(r.challenge.toState()).toEqual(before);
    } else if (isTrading(m)) {
      expect(result.ok).toBe(true);
      m.status = 'failed';
      m.open = [];
    } else {
      const code: ChallengeErrorCode = m.status === 'active' ? 'CHALLENGE.AWAITING_NEXT_PHASE' : 'CHALLENGE.INVALID_TRANSITION';
      expect(result.ok ? null : result.error.code).toBe(code);
    }
  }
  toString = () => 'breach';
}

/** An admin cleared the trading account's breach: a failed challenge trades again from the trading day it is in. */
class OverrideCommand implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    m.now = new Date(m.now.getTime() + 60_000);
    const original = breachToData(r.challenge.breach ?? aBreachRecord());
    const result = r.challenge.reinstateAfterOverride({ adminId: 'admin-1', reason: 'bad print', at: m.now, original, account: m.login });
    if (m.status === 'failed') {
      expect(result.ok).toBe(true);
      m.status = 'active';
      m.day = dayOf(m.now);
      m.overrides += 1;
    } else if (m.status === 'active') {
      expect(result.ok).toBe(true);
    } else {
      expect(result.ok ? null : result.error.code).toBe('CHALLENGE.NOT_BREACHED');
    }
  }
  toString = () => 'override';
}

class NextPhaseCommand implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    m.now = new Date(m.now.getTime() + 60_000);
    const login = `login-${m.attempt}-${m.phase + 1}`;
    const result = r.challenge.startNextPhase(login, m.now);
    if (m.status === 'active' && m.phasePassed) {
      expect(result.ok).toBe(true);
      freshPhase(m, m.phase + 1, login);
    } else {
      expect(result.ok ? null : result.error.code).toBe(m.status === 'active' ? 'CHALLENGE.PHASE_NOT_PASSED' : 'CHALLENGE.INVALID_TRANSITION');
    }
  }
  toString = () => 'startNextPhase';
}

class ResetCommand implements fc.Command<Model, Real> {
  check = (m: Readonly<Model>) => m.status === 'failed' || m.status === 'expired';
  run(m: Model, r: Real): void {
    m.now = new Date(m.now.getTime() + 60_000);
    const login = `login-${m.attempt + 1}-1`;
    expect(r.challenge.reset({ account: login, paid: Money.of('404.10'), at: m.now }).ok).toBe(true);
    m.history.push([m.phase, m.status, finalBalance(m)]);
    m.attempt++;
    freshPhase(m, 1, login);
  }
  toString = () => 'reset';
}

/** Weighted so that runs reach passes, breaches, overrides, expiries and resets (each shows up in most batches). */
const open = fc.constant(new OpenCommand());
const close = fc.tuple(fc.integer({ min: -1_000, max: 5_000 }), fc.boolean()).map(([pnl, partial]) => new CloseCommand(pnl, partial));
const rollDay = fc.constant(new RollDayCommand());
const commands = [
  open,
  open,
  open,
  close,
  close,
  close,
  close,
  close,
  close,
  rollDay,
  rollDay,
  rollDay,
  fc.integer({ min: 1, max: 80 }).map((hours) => new JumpCommand(hours)),
  fc
    .oneof({ weight: 15, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: fc.integer({ min: 28, max: 33 }) })
    .map((days) => new IdleCommand(days)),
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<fc.Command<Model, Real>>(new BreachCommand()) },
    { weight: 2, arbitrary: fc.constant<fc.Command<Model, Real>>(new OverrideCommand()) },
    { weight: 3, arbitrary: fc.constant<fc.Command<Model, Real>>(new LateDealCommand()) },
  ),
  fc.constant(new NextPhaseCommand()),
  fc.constant(new NextPhaseCommand()),
  fc.constant(new ResetCommand()),
];

describe('Challenge (model-based)', () => {
  it('behaves like the reference model under any sequence of its trading account’s facts', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 200, size: 'max' }), (cmds) => {
        const setup = () => {
          const challenge = Challenge.create({ id: 'ch', traderId: 'tr', rules, at: START });
          expect(challenge.activate('login-1-1', START).ok).toBe(true);
          const model: Model = {
            now: START,
            day: dayOf(START),
            status: 'active',
            phase: 1,
            phasePassed: false,
            balance: 100_000,
            reported: null,
            open: [],
            days: new Set(),
            lastActivity: START,
            nextId: 1,
            attempt: 1,
            login: 'login-1-1',
            earlierLogin: null,
            history: [],
            overrides: 0,
          };
          return { model, real: { challenge } };
        };
        fc.modelRun(setup, [...cmds].map((cmd) => withComparison(cmd)));
      }),
      { numRuns: 100 },
    );
  });
});

/** Checks model and aggregate agree after every command. */
function withComparison(cmd: fc.Command<Model, Real>): fc.Command<Model, Real> {
  return {
    check: (m) => cmd.check(m),
    run: (m, r) => {
      cmd.run(m, r);
      compare(m, r);
    },
    toString: () => cmd.toString(),
  };
}
