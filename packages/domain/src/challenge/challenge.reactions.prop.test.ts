import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../calendar/local-date.js';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { breachToData } from '../drawdown/breach-record.js';
import { Decimal, ONE, roundToCents } from '../money/decimal.js';
import type { DealAction } from '../trading-account/trading-account-deal.js';
import { aBreachRecord } from '../testing/breach-record-mother.js';
import { anActiveChallenge } from '../testing/challenge-mother.js';
import { ruleSnapshotArbitrary } from '../testing/rule-snapshot-arbitrary.js';
import type { Challenge } from './challenge.js';
import type { ChallengeEvent } from './challenge-events.js';
import type { ChallengeState } from './challenge-state.js';
import type { ChallengeStatus } from './challenge-status.js';

/**
 * A challenge on its trading account under any sequence of the account's
 * facts (deals, day starts, breaches, overrides from the current login, an
 * earlier phase's login or a stranger's) and the trader's next phases and
 * resets, for any model, size and firm calendar the QA kit generates
 * (docs/rules.md §3, §4). Whatever happens, the challenge:
 * - never counts a trading day twice in a phase attempt, and counts only on
 *   the current login's opening deals;
 * - never passes a phase with a position open, before its minimum trading
 *   days, or below its target (computed here from the rule book formula);
 * - leaves `failed` only through reinstatement after an override, or a reset;
 * - ignores every fact from a login that is not its current one, or while
 *   it is not trading, and never grows drawdown state of its own.
 * The seed is the run's fixed one (tools/fast-check-seed.ts).
 */
type Login = 'current' | 'earlier' | 'stranger';
type Step =
  | { kind: 'deal'; action: DealAction; gapMinutes: number; offsetCents: number; open: number; login: Login }
  | { kind: 'dayStart'; days: number; offsetCents: number; open: number; login: Login }
  | { kind: 'breach'; gapMinutes: number; login: Login }
  | { kind: 'override'; gapMinutes: number; login: Login }
  | { kind: 'nextPhase'; gapMinutes: number }
  | { kind: 'reset'; gapMinutes: number };

const login: fc.Arbitrary<Login> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Login>('current') },
  { weight: 1, arbitrary: fc.constant<Login>('earlier') },
  { weight: 1, arbitrary: fc.constant<Login>('stranger') },
);
/** Cents around the phase target: just below, at, just above, well on either side. */
const offsetCents = fc.constantFrom(-50_000, -1, 0, 1, 25_000);
const gapMinutes = fc.integer({ min: 0, max: 6 * 60 });
const open = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) });

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('deal' as const),
      action: fc.constantFrom<DealAction>('open', 'open', 'close', 'close', 'partial_close'),
      gapMinutes,
      offsetCents,
      open,
      login,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('dayStart' as const),
      // Mostly the next day; now and then a long idle stretch, past any inactivity limit.
      days: fc.oneof({ weight: 15, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 70 }) }),
      offsetCents,
      open,
      login,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('breach' as const), gapMinutes, login }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('override' as const), gapMinutes, login }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('nextPhase' as const), gapMinutes }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const), gapMinutes }) },
);

/** The rule book's target (§3): initial × (1 + target), to the cent; computed here, not asked of the code under test. */
function targetOf(rules: RuleSnapshot, phase: number): Decimal {
  const initial = rules.initialBalance.amount;
  return roundToCents(initial.times(ONE.plus(rules.phase(phase).profitTargetPercent.points.dividedBy(100))));
}

interface Run {
  readonly challenge: Challenge;
  readonly rules: RuleSnapshot;
  now: Date;
  logins: string[];
  nextLogin: number;
  /** Days counted per phase attempt: `attempt/phase/day`. */
  readonly counted: Set<string>;
}

function loginOf(run: Run, which: Login): string {
  if (which === 'stranger') return '9999';
  if (which === 'earlier') return run.logins.length > 1 ? run.logins[run.logins.length - 2]! : '9998';
  return run.challenge.account!;
}

/** Runs one step, checking the result of those whose refusal is foreseeable. */
function apply(run: Run, s: Step): Applied {
  const { challenge, rules } = run;
  const calendar = rules.calendar;
  if (s.kind === 'deal' || s.kind === 'dayStart') {
    const balance = targetOf(rules, challenge.phase).plus(new Decimal(s.offsetCents).dividedBy(100));
    const account = loginOf(run, s.login);
    if (s.kind === 'deal') {
      run.now = new Date(run.now.getTime() + s.gapMinutes * 60_000);
      const fact = { account, action: s.action, at: run.now, tradingDay: calendar.tradingDayOf(run.now), balance, openPositions: s.open };
      expect(challenge.recordTradingActivity(fact).ok).toBe(true);
      return { balance, open: s.open, fact: true, account };
    }
    const day = addDays(calendar.tradingDayOf(run.now), s.days);
    run.now = calendar.startOf(day);
    expect(challenge.recordTradingDayStarted({ account, day, at: run.now, balance, openPositions: s.open }).ok).toBe(true);
    return { balance, open: s.open, fact: true, account };
  }
  run.now = new Date(run.now.getTime() + s.gapMinutes * 60_000);
  const none: Applied = { balance: null, open: 0, fact: false, account: null };
  switch (s.kind) {
    case 'breach': {
      const status = challenge.status;
      const account = loginOf(run, s.login);
      const breach = aBreachRecord({ at: run.now, tradingDay: calendar.tradingDayOf(run.now) });
      const result = challenge.failOnBreach(breach, run.now, account);
      const refusable = status !== 'failed' && account === challenge.account && (status !== 'active' || challenge.phasePassed);
      expect(result.ok).toBe(!refusable);
      return none;
    }
    case 'override': {
      const { status } = challenge;
      const account = loginOf(run, s.login);
      const original = breachToData(challenge.breach ?? aBreachRecord());
      const result = challenge.reinstateAfterOverride({ adminId: 'admin-1', reason: 'bad print', at: run.now, original, account });
      // Only a challenge that is neither failed nor active has nothing an override could apply to.
      expect(result.ok).toBe(account !== challenge.account || status === 'active' || status === 'failed');
      return none;
    }
    case 'nextPhase': {
      const ready = challenge.status === 'active' && challenge.phasePassed;
      const account = String(run.nextLogin);
      expect(challenge.startNextPhase(account, run.now).ok).toBe(ready);
      if (ready) {
        run.logins.push(account);
        run.nextLogin += 1;
      }
      return none;
    }
    case 'reset': {
      const ready = challenge.status === 'failed' || challenge.status === 'expired';
      const account = String(run.nextLogin);
      expect(challenge.reset({ account, paid: challenge.resetPrice(), at: run.now }).ok).toBe(ready);
      if (ready) {
        run.logins.push(account);
        run.nextLogin += 1;
      }
      return none;
    }
  }
}

/** What the challenge was before a step. */
interface Before {
  readonly status: ChallengeStatus;
  readonly trading: boolean;
  readonly account: string | null;
  readonly state: ChallengeState;
  readonly phase: number;
  readonly attempt: number;
}

/** What a step reported to the challenge: the figures a pass is judged on, and the login of a fact. */
interface Applied {
  readonly balance: Decimal | null;
  readonly open: number;
  /** A trading account's fact: ignored unless it is the current login's and the challenge trades. */
  readonly fact: boolean;
  readonly account: string | null;
}

function check(run: Run, s: Step, before: Before, events: readonly ChallengeEvent[], figures: Applied): void {
  const { challenge, rules } = run;
  expect(challenge.toState()).not.toHaveProperty('drawdown');

  // Facts from another login, or while not trading, change nothing.
  if (figures.fact && (!before.trading || figures.account !== before.account)) {
    expect(events).toEqual([]);
    expect(challenge.toState()).toEqual(before.state);
  }

  for (const event of events) {
    if (event.type === 'ChallengeTradingDayCounted') {
      expect(s.kind === 'deal' && s.action === 'open' && figures.account === before.account).toBe(true);
      const key = `${before.attempt}/${before.phase}/${event.payload.day}`;
      expect(run.counted.has(key), `day ${key} counted twice`).toBe(false);
      run.counted.add(key);
    }
    if (event.type === 'ChallengePhasePassed') {
      expect(s.kind === 'dayStart' || (s.kind === 'deal' && s.action === 'close')).toBe(true);
      expect(figures.open).toBe(0);
      expect(event.payload.tradingDays).toBeGreaterThanOrEqual(rules.phase(before.phase).minTradingDays);
      expect(figures.balance!.greaterThanOrEqualTo(targetOf(rules, before.phase))).toBe(true);
    }
  }
  const days = challenge.countedTradingDays;
  expect(new Set(days).size).toBe(days.length);
  for (const day of days) expect(run.counted.has(`${challenge.attempt}/${challenge.phase}/${day}`)).toBe(true);

  // A failed challenge leaves `failed` only through reinstatement or a reset.
  if (before.status === 'failed' && challenge.status !== 'failed') {
    expect(challenge.status).toBe('active');
    const way = events.map((event) => event.type).filter((type) => type === 'ChallengeReinstated' || type === 'ChallengeReset');
    expect(way).toEqual([s.kind === 'override' ? 'ChallengeReinstated' : 'ChallengeReset']);
    expect(challenge.breach).toBeNull();
  }
  if (challenge.status === 'failed') expect(challenge.breach).not.toBeNull();
  expect(challenge.isTrading).toBe(challenge.status === 'active' && !challenge.phasePassed && challenge.breach === null);
}

describe('Challenge on its trading account, under any sequence of its facts', () => {
  it('counts each day once, passes only flat, after the minimum days and at the target, and leaves failed only by reinstatement or reset', () => {
    fc.assert(
      fc.property(ruleSnapshotArbitrary(), fc.array(step, { minLength: 10, maxLength: 60, size: 'max' }), (rules, steps) => {
        const challenge = anActiveChallenge({ rules, account: '1001' });
        const run: Run = { challenge, rules, now: challenge.toState().activatedAt!, logins: ['1001'], nextLogin: 1002, counted: new Set() };
        for (const s of steps) {
          const before: Before = {
            status: challenge.status,
            trading: challenge.isTrading,
            account: challenge.account,
            state: challenge.toState(),
            phase: challenge.phase,
            attempt: challenge.attempt,
          };
          const figures = apply(run, s);
          check(run, s, before, challenge.pullEvents(), figures);
        }
      }),
      { numRuns: 50 },
    );
  });
});
