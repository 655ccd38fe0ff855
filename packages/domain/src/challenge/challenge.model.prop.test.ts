import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { daysBetween, type LocalDate } from '../calendar/local-date.js';
import { Challenge } from './challenge.js';
import type { ChallengeErrorCode } from './challenge-errors.js';
import { snapshotOf } from './testing/challenge-fixtures.js';

/**
 * Model-based test: random open/close/tick/rollDay/jump/idle/next-phase/reset
 * commands drive a 100k Stellar 2-Step challenge (5% daily, 10% max, targets
 * 8% and 5%, 5 days, 30 idle days) and a small reference model side by side.
 * The model re-reads the rule book directly: whole-dollar figures, the
 * balance-based daily floor, the static 90,000 floor, passes on close and at
 * rollover, inactivity at rollover, a missed rollover run with the last known
 * figures. The run starts a week before the 2026-03-08 DST change.
 */
const rules = snapshotOf();
const calendar = rules.calendar;
const START = new Date(calendar.startOf('2026-03-02').getTime() + 3_600_000);
const TARGETS = [108_000, 105_000];

type Status = 'active' | 'failed' | 'expired' | 'pending_kyc';
interface Model {
  now: Date;
  day: LocalDate;
  status: Status;
  phase: number;
  phasePassed: boolean;
  balance: number;
  floating: number;
  dayStartBalance: number;
  open: string[];
  days: Set<LocalDate>;
  lastActivity: Date;
  nextId: number;
  attempt: number;
}
interface Real {
  challenge: Challenge;
}

const dayOf = (at: Date): LocalDate => calendar.tradingDayOf(at);
const equityOf = (m: Model) => m.balance + m.floating;
const isTrading = (m: Model) => m.status === 'active' && !m.phasePassed;
const breaches = (m: Model, equity: number) => equity <= m.dayStartBalance - 5_000 || equity <= 90_000;
const passes = (m: Model) => m.balance >= TARGETS[m.phase - 1]! && m.days.size >= 5 && m.open.length === 0;

function expectedRefusal(m: Model): ChallengeErrorCode {
  if (m.status === 'failed') return 'CHALLENGE.ALREADY_BREACHED';
  if (m.status !== 'active') return 'CHALLENGE.NOT_ACTIVE';
  return 'CHALLENGE.AWAITING_NEXT_PHASE';
}

function pass(m: Model): void {
  m.phasePassed = true;
  if (m.phase === TARGETS.length) m.status = 'pending_kyc';
}

function freshPhase(m: Model, phase: number): void {
  Object.assign(m, {
    phase,
    phasePassed: false,
    status: 'active',
    balance: 100_000,
    floating: 0,
    dayStartBalance: 100_000,
    open: [],
    days: new Set(),
    day: dayOf(m.now),
    lastActivity: m.now,
  });
}

/** A rollover into `day` with the given figures; answers what ended trading, if anything. */
function rollModel(m: Model, day: LocalDate): 'breach' | 'passed' | 'expired' | null {
  m.day = day;
  m.dayStartBalance = m.balance;
  if (breaches(m, equityOf(m))) return 'breach';
  if (passes(m)) {
    pass(m);
    return 'passed';
  }
  if (daysBetween(dayOf(m.lastActivity), day) > 30) {
    m.status = 'expired';
    return 'expired';
  }
  return null;
}

/** The breach handler of the application: fail right after detection. */
function handleBreach(m: Model, r: Real): void {
  expect(r.challenge.breach).not.toBeNull();
  expect(r.challenge.fail(null, m.now).ok).toBe(true);
  m.status = 'failed';
}

/** Runs the missed rollover, if any, as the aggregate does before a deal or tick; false when it ended trading. */
function catchUp(m: Model, r: Real): boolean {
  const day = dayOf(m.now);
  if (day <= m.day) return true;
  const ended = rollModel(m, day);
  if (ended === 'breach') {
    handleBreachLater = true;
    return false;
  }
  return ended === null;
}
let handleBreachLater = false;

function compare(m: Model, r: Real): void {
  const c = r.challenge;
  expect(c.status).toBe(m.status);
  expect(c.phase).toBe(m.phase);
  expect(c.phasePassed).toBe(m.phasePassed);
  expect(c.attempt).toBe(m.attempt);
  expect([...c.countedTradingDays].sort()).toEqual([...m.days].sort());
  expect([...c.openPositions].sort()).toEqual([...m.open].sort());
  expect(c.breach !== null).toBe(m.status === 'failed');
  if (isTrading(m)) {
    expect(c.drawdown?.lastBalance.toFixed()).toBe(String(m.balance));
    expect(c.drawdown?.dayStartBalance.toFixed()).toBe(String(m.dayStartBalance));
    expect(c.drawdown?.tradingDay).toBe(m.day);
  }
}

/** Shared shape of deal and tick commands: refusal when not trading, missed rollover, then the observation. */
function observe(m: Model, r: Real, apply: () => { ok: boolean; applied: boolean; breached: boolean }, change: () => void): void {
  m.now = new Date(m.now.getTime() + 60_000);
  if (!isTrading(m)) {
    const refused = apply();
    expect(refused.ok).toBe(false);
    return;
  }
  handleBreachLater = false;
  const continues = catchUp(m, r);
  const outcome = apply();
  expect(outcome.ok).toBe(true);
  expect(outcome.applied).toBe(continues);
  if (!continues) {
    if (handleBreachLater) handleBreach(m, r);
    return;
  }
  change();
  expect(outcome.breached).toBe(breaches(m, equityOf(m)));
  if (outcome.breached) handleBreach(m, r);
}

class OpenCommand implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    const id = `p${m.nextId++}`;
    observe(
      m,
      r,
      () => {
        const result = r.challenge.recordDeal({
          dealId: id,
          positionId: id,
          action: 'open',
          at: m.now,
          balance: new Decimal(m.balance),
          equity: new Decimal(equityOf(m)),
        });
        if (!result.ok) {
          expect(result.error.code).toBe(expectedRefusal(m));
          return { ok: false, applied: false, breached: false };
        }
        return { ok: true, applied: result.value.applied, breached: !!result.value.verdict?.breach };
      },
      () => {
        m.open.push(id);
        m.days.add(dayOf(m.now));
        m.lastActivity = m.now;
      },
    );
  }
  toString = () => 'open';
}

class CloseCommand implements fc.Command<Model, Real> {
  constructor(readonly pnl: number) {}
  check = (m: Readonly<Model>) => isTrading(m) && m.open.length > 0;
  run(m: Model, r: Real): void {
    const id = m.open[0]!;
    const balance = m.balance + this.pnl;
    let passed = false;
    observe(
      m,
      r,
      () => {
        const result = r.challenge.recordDeal({
          dealId: `${id}-close`,
          positionId: id,
          action: 'close',
          at: m.now,
          balance: new Decimal(balance),
          equity: new Decimal(balance),
        });
        if (!result.ok) throw result.error;
        passed = result.value.passed;
        return { ok: true, applied: result.value.applied, breached: !!result.value.verdict?.breach };
      },
      () => {
        m.open.shift();
        m.balance = balance;
        m.floating = 0;
        m.lastActivity = m.now;
        const shouldPass = !breaches(m, equityOf(m)) && passes(m);
        expect(passed).toBe(shouldPass);
        if (shouldPass) pass(m);
      },
    );
  }
  toString = () => `close(${this.pnl})`;
}

class TickCommand implements fc.Command<Model, Real> {
  constructor(readonly floating: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    observe(
      m,
      r,
      () => {
        const floating = m.open.length > 0 ? this.floating : 0;
        const result = r.challenge.evaluateEquity({
          balance: new Decimal(m.balance),
          equity: new Decimal(m.balance + floating),
          at: m.now,
          tick: { symbol: 'EURUSD', bid: new Decimal('1.1'), ask: new Decimal('1.1001'), time: m.now },
        });
        if (!result.ok) {
          expect(result.error.code).toBe(expectedRefusal(m));
          return { ok: false, applied: false, breached: false };
        }
        // The rollover's verdict comes back when the rollover ended trading.
        return { ok: true, applied: isTrading(m) && !handleBreachLater, breached: !!result.value.breach };
      },
      () => {
        m.floating = m.open.length > 0 ? this.floating : 0;
      },
    );
  }
  toString = () => `tick(${this.floating})`;
}

function rollOnce(m: Model, r: Real): void {
  m.now = calendar.nextReset(m.now);
  const result = r.challenge.rollTradingDay(m.now, new Decimal(m.balance), new Decimal(equityOf(m)));
  if (!isTrading(m)) {
    expect(result.ok ? null : result.error.code).toBe(expectedRefusal(m));
    return;
  }
  if (!result.ok) throw result.error;
  const ended = rollModel(m, dayOf(m.now));
  expect(result.value.rolled).toBe(true);
  expect(!!result.value.verdict?.breach).toBe(ended === 'breach');
  expect(result.value.passed).toBe(ended === 'passed');
  expect(result.value.expired).toBe(ended === 'expired');
  if (ended === 'breach') handleBreach(m, r);
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

class NextPhaseCommand implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    m.now = new Date(m.now.getTime() + 60_000);
    const result = r.challenge.startNextPhase(`login-${m.attempt}-${m.phase + 1}`, m.now);
    if (m.status === 'active' && m.phasePassed) {
      expect(result.ok).toBe(true);
      freshPhase(m, m.phase + 1);
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
    expect(r.challenge.reset({ account: `login-${m.attempt + 1}`, paid: Money.of('404.10'), at: m.now }).ok).toBe(true);
    m.attempt++;
    freshPhase(m, 1);
  }
  toString = () => 'reset';
}

/** Weighted so that runs reach passes, breaches, expiries and resets (each shows up in most batches). */
const open = fc.constant(new OpenCommand());
const close = fc.integer({ min: -1_000, max: 3_000 }).map((pnl) => new CloseCommand(pnl));
const tick = fc.integer({ min: -5_600, max: 3_000 }).map((floating) => new TickCommand(floating));
const rollDay = fc.constant(new RollDayCommand());
const commands = [
  open,
  open,
  open,
  close,
  close,
  close,
  tick,
  tick,
  rollDay,
  rollDay,
  rollDay,
  fc.integer({ min: 1, max: 80 }).map((hours) => new JumpCommand(hours)),
  fc
    .oneof({ weight: 15, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: fc.integer({ min: 28, max: 33 }) })
    .map((days) => new IdleCommand(days)),
  fc.constant(new NextPhaseCommand()),
  fc.constant(new NextPhaseCommand()),
  fc.constant(new ResetCommand()),
];

describe('Challenge (model-based)', () => {
  it('behaves like the reference model under any sequence of commands', () => {
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
            floating: 0,
            dayStartBalance: 100_000,
            open: [],
            days: new Set(),
            lastActivity: START,
            nextId: 1,
            attempt: 1,
          };
          return { model, real: { challenge } };
        };
        fc.modelRun(setup, [...cmds].map((cmd) => withComparison(cmd)));
      }),
      { numRuns: 150 },
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
