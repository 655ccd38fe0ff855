import { describe, expect, it } from 'vitest';
import { addDays, type LocalDate } from '../calendar/local-date.js';
import { breachToData } from '../drawdown/breach-record.js';
import { Decimal } from '../money/decimal.js';
import { unwrap } from '../shared/result.js';
import { aBreachRecord } from '../testing/breach-record-mother.js';
import {
  anActiveChallenge,
  tradingActivityOf,
  tradingDayStartOf,
} from '../testing/challenge-mother.js';
import { QA_INSTANT } from '../testing/qa-defaults.js';
import { Challenge } from './challenge.js';
import type { ChallengeEvent } from './challenge-events.js';

/**
 * A challenge whose trading account watches its loss limits reacts to that
 * account's events (docs/rules.md §3, §4). The 2-Step 100,000 rules: phase 1
 * 8 % (108,000.00) and phase 2 5 % (105,000.00), 5 trading days each, 30
 * idle days. The challenge is active on login 1001 since `QA_INSTANT`, in
 * trading day 2026-01-05.
 */
const FIRST_DAY: LocalDate = '2026-01-05';
const d = (value: string): Decimal => new Decimal(value);

function challengeOnAccount(): Challenge {
  return anActiveChallenge();
}

/** An instant `hours` after 10:00 New York (17 hours after the reset) in trading day FIRST_DAY + n: after the activation. */
function inDay(challenge: Challenge, n: number, hours = 2): Date {
  return new Date(challenge.rules.calendar.startOf(addDays(FIRST_DAY, n)).getTime() + (17 + hours) * 3_600_000);
}

const types = (events: readonly ChallengeEvent[]) => events.map((event) => event.type);

/** Opens and closes one position in each of the trading days `days`, the last close at `finalBalance`. */
function tradeDays(challenge: Challenge, days: readonly number[], finalBalance: string, account = challenge.account!): void {
  days.forEach((n, i) => {
    unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { account, action: 'open', at: inDay(challenge, n, 2) })));
    const balance = i === days.length - 1 ? d(finalBalance) : challenge.rules.initialBalance.amount;
    unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { account, action: 'close', at: inDay(challenge, n, 3), balance })));
  });
}

describe('Challenge on its trading account', () => {
  it('holds no drawdown state and trades on its account', () => {
    const challenge = challengeOnAccount();
    expect(challenge.breach).toBeNull();
    expect(challenge.isTrading).toBe(true);
    expect(challenge.pendingEvents).toEqual([]);
    expect(challenge.toState()).toMatchObject({ status: 'active', account: '1001', breach: null, lastBalance: null });
    expect(challenge.toState()).not.toHaveProperty('drawdown');
  });

  describe('recordTradingActivity', () => {
    it('counts a trading day on its first opening deal only (§3: two trades in a day count once)', () => {
      const challenge = challengeOnAccount();
      const first = unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'open', at: inDay(challenge, 0, 1) })));
      const second = unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'open', at: inDay(challenge, 0, 4) })));
      expect(first).toEqual({ countedDay: FIRST_DAY, passCheck: null, passed: false });
      expect(second.countedDay).toBeNull();
      expect(challenge.countedTradingDays).toEqual([FIRST_DAY]);
      expect(challenge.pullEvents().map((event) => [event.type, event.payload])).toEqual([
        ['ChallengeTradingDayCounted', { phase: 1, day: FIRST_DAY, counted: 1, required: 5 }],
      ]);
      expect(challenge.toState().lastTradeAt).toEqual(inDay(challenge, 0, 4));
    });

    it('counts a position held for days on its opening day only (§3)', () => {
      const challenge = challengeOnAccount();
      unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'open', at: inDay(challenge, 0) })));
      const closed = unwrap(
        challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'close', at: inDay(challenge, 3), balance: d('100500') })),
      );
      expect(closed.countedDay).toBeNull();
      expect(challenge.countedTradingDays).toEqual([FIRST_DAY]);
      expect(challenge.toState().lastBalance).toBe('100500');
    });

    it('keeps the last balance the account reported: the figure a phase record closes on', () => {
      const challenge = challengeOnAccount();
      expect(challenge.toState().lastBalance).toBeNull();
      unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'partial_close', balance: d('101234.56') })));
      expect(challenge.toState().lastBalance).toBe('101234.56');
      unwrap(challenge.expire('trial_ended', inDay(challenge, 1)));
      unwrap(challenge.reset({ account: '2001', paid: challenge.resetPrice(), at: inDay(challenge, 2) }));
      expect(challenge.history[0]).toMatchObject({ outcome: 'expired', finalBalance: '101234.56' });
    });

    it('does not pass before the minimum trading days, and passes on the close of the fifth (§3)', () => {
      const challenge = challengeOnAccount();
      tradeDays(challenge, [0, 1, 2, 3], '108500');
      expect(challenge.phasePassed).toBe(false);
      expect(challenge.checkPhaseWith(d('108500'), 0)).toMatchObject({ passed: false, minTradingDays: { met: false, required: 5, done: 4 } });

      unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'open', at: inDay(challenge, 4, 2) })));
      const closed = unwrap(
        challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'close', at: inDay(challenge, 4, 3), balance: d('108500') })),
      );
      expect(closed.passed).toBe(true);
      expect(closed.passCheck).toMatchObject({ passed: true, minTradingDays: { met: true, done: 5 }, noOpenPositions: { met: true } });
      expect(challenge.phasePassed).toBe(true);
      expect(challenge.status).toBe('active');
      expect(challenge.isTrading).toBe(false);
      const passed = challenge.pullEvents().find((event) => event.type === 'ChallengePhasePassed');
      expect(passed?.payload).toEqual({ phase: 1, account: '1001', balance: '108500', tradingDays: 5, lastPhase: false });
      expect(challenge.history).toEqual([
        expect.objectContaining({ phase: 1, outcome: 'passed', account: '1001', finalBalance: '108500', breach: null }),
      ]);
    });

    it('measures the target to the cent: 107,999.99 does not pass, 108,000.00 does (§3)', () => {
      const short = challengeOnAccount();
      tradeDays(short, [0, 1, 2, 3, 4], '107999.99');
      expect(short.phasePassed).toBe(false);
      expect(short.checkPhaseWith(d('107999.99'), 0).profitTarget).toMatchObject({ met: false, targetBalance: d('108000') });

      const exact = challengeOnAccount();
      tradeDays(exact, [0, 1, 2, 3, 4], '108000.00');
      expect(exact.phasePassed).toBe(true);
    });

    it('does not pass while a position is still open (§3)', () => {
      const challenge = challengeOnAccount();
      tradeDays(challenge, [0, 1, 2, 3], '100000');
      unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'open', at: inDay(challenge, 4, 1) })));
      const closed = unwrap(
        challenge.recordTradingActivity(
          tradingActivityOf(challenge, { action: 'close', at: inDay(challenge, 4, 3), balance: d('109000'), openPositions: 1 }),
        ),
      );
      expect(closed.passed).toBe(false);
      expect(closed.passCheck).toMatchObject({ noOpenPositions: { met: false, open: 1 }, profitTarget: { met: true } });
      expect(challenge.phasePassed).toBe(false);
    });

    it('changes nothing for a deal from an earlier phase login, or once the phase is passed', () => {
      const challenge = challengeOnAccount();
      tradeDays(challenge, [0, 1, 2, 3, 4], '108000');
      challenge.pullEvents();
      const awaiting = challenge.toState();
      expect(unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { at: inDay(challenge, 5) })))).toEqual({
        countedDay: null,
        passCheck: null,
        passed: false,
      });
      expect(challenge.toState()).toEqual(awaiting);

      unwrap(challenge.startNextPhase('1002', inDay(challenge, 5, 1)));
      challenge.pullEvents();
      const before = challenge.toState();
      const late = tradingActivityOf(challenge, { account: '1001', action: 'open', at: inDay(challenge, 6) });
      expect(unwrap(challenge.recordTradingActivity(late))).toEqual({ countedDay: null, passCheck: null, passed: false });
      expect(unwrap(challenge.recordTradingActivity({ ...late, action: 'close', balance: d('120000'), openPositions: 0 })).passed).toBe(false);
      expect(challenge.toState()).toEqual(before);
      expect(challenge.pullEvents()).toEqual([]);
    });

    it('passes the last phase into pending KYC (§3)', () => {
      const challenge = challengeOnAccount();
      tradeDays(challenge, [0, 1, 2, 3, 4], '108000');
      unwrap(challenge.startNextPhase('1002', inDay(challenge, 5, 1)));
      expect(challenge.countedTradingDays).toEqual([]);
      challenge.pullEvents();

      tradeDays(challenge, [5, 6, 7, 8, 9], '105000');
      expect(challenge.status).toBe('pending_kyc');
      const events = challenge.pullEvents();
      expect(events.slice(-2).map((event) => [event.type, event.payload])).toEqual([
        ['ChallengePhasePassed', { phase: 2, account: '1002', balance: '105000', tradingDays: 5, lastPhase: true }],
        ['ChallengePassed', { from: 'active', to: 'pending_kyc', cause: 'last_phase_passed', phases: 2 }],
      ]);
      expect(challenge.history.map((record) => [record.phase, record.account, record.outcome, record.finalBalance])).toEqual([
        [1, '1001', 'passed', '108000'],
        [2, '1002', 'passed', '105000'],
      ]);
    });
  });

  describe('recordTradingDayStarted', () => {
    it('passes the phase at the reset once the minimum days are reached, the target met and nothing open (§3)', () => {
      const challenge = challengeOnAccount();
      tradeDays(challenge, [0, 1, 2, 3], '100000');
      unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'open', at: inDay(challenge, 4, 1) })));
      unwrap(
        challenge.recordTradingActivity(
          tradingActivityOf(challenge, { action: 'close', at: inDay(challenge, 4, 3), balance: d('108200'), openPositions: 1 }),
        ),
      );
      expect(challenge.phasePassed).toBe(false);
      challenge.pullEvents();

      const day = addDays(FIRST_DAY, 5);
      const outcome = unwrap(challenge.recordTradingDayStarted(tradingDayStartOf(challenge, day, { balance: d('108350') })));
      expect(outcome).toMatchObject({ passed: true, expired: false, passCheck: { passed: true } });
      const [passed] = challenge.pullEvents();
      expect(passed).toMatchObject({
        type: 'ChallengePhasePassed',
        occurredAt: challenge.rules.calendar.startOf(day),
        payload: { phase: 1, balance: '108350', tradingDays: 5 },
      });
      expect(challenge.history[0]?.finalBalance).toBe('108350');
    });

    it('does not pass at the reset with a position open, and keeps the balance reported', () => {
      const challenge = challengeOnAccount();
      tradeDays(challenge, [0, 1, 2, 3, 4], '100000');
      const outcome = unwrap(
        challenge.recordTradingDayStarted(tradingDayStartOf(challenge, addDays(FIRST_DAY, 5), { balance: d('109000'), openPositions: 2 })),
      );
      expect(outcome).toMatchObject({ passed: false, expired: false, passCheck: { noOpenPositions: { met: false, open: 2 } } });
      expect(challenge.toState().lastBalance).toBe('109000');
    });

    it('expires the challenge at the start of day L+31 after the last trade on day L, not before (§3)', () => {
      const challenge = challengeOnAccount();
      unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'open', at: inDay(challenge, 2) })));
      unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'close', at: inDay(challenge, 3) })));
      challenge.pullEvents();
      // The close on day 3 is the last trade: days 4 … 33 are idle.
      const idle = unwrap(challenge.recordTradingDayStarted(tradingDayStartOf(challenge, addDays(FIRST_DAY, 33))));
      expect(idle.expired).toBe(false);
      expect(challenge.status).toBe('active');

      const day = addDays(FIRST_DAY, 34);
      const expired = unwrap(challenge.recordTradingDayStarted(tradingDayStartOf(challenge, day)));
      expect(expired).toMatchObject({ expired: true, passed: false });
      expect(challenge.status).toBe('expired');
      expect(challenge.pullEvents().map((event) => [event.type, event.occurredAt, event.payload])).toEqual([
        ['ChallengeExpired', challenge.rules.calendar.startOf(day), { from: 'active', to: 'expired', cause: 'inactivity', reason: 'inactivity' }],
      ]);
    });

    it('counts idle days from the phase start when nothing was traded (§3)', () => {
      const challenge = challengeOnAccount();
      expect(unwrap(challenge.recordTradingDayStarted(tradingDayStartOf(challenge, addDays(FIRST_DAY, 30)))).expired).toBe(false);
      expect(unwrap(challenge.recordTradingDayStarted(tradingDayStartOf(challenge, addDays(FIRST_DAY, 31)))).expired).toBe(true);
    });

    it('changes nothing for another login or a challenge not trading', () => {
      const challenge = challengeOnAccount();
      const before = challenge.toState();
      const other = tradingDayStartOf(challenge, addDays(FIRST_DAY, 40), { account: '9999' });
      expect(unwrap(challenge.recordTradingDayStarted(other))).toEqual({ passCheck: null, passed: false, expired: false });
      expect(challenge.toState()).toEqual(before);

      unwrap(challenge.failOnBreach(aBreachRecord(), inDay(challenge, 0, 3), '1001'));
      challenge.pullEvents();
      const failed = challenge.toState();
      expect(unwrap(challenge.recordTradingDayStarted(tradingDayStartOf(challenge, addDays(FIRST_DAY, 40)))).expired).toBe(false);
      expect(challenge.toState()).toEqual(failed);
      expect(challenge.pullEvents()).toEqual([]);
    });
  });

  describe('failOnBreach', () => {
    it('fails the challenge on the breach its trading account handled and keeps the record (§4)', () => {
      const challenge = challengeOnAccount();
      const breach = aBreachRecord({ at: inDay(challenge, 0, 2) });
      unwrap(challenge.failOnBreach(breach, inDay(challenge, 0, 2.5), '1001'));
      expect(challenge.status).toBe('failed');
      expect(challenge.isTrading).toBe(false);
      expect(challenge.breach).toEqual(breach);
      expect(challenge.toState()).toMatchObject({ status: 'failed', endedAt: inDay(challenge, 0, 2.5), breach: breachToData(breach) });
      expect(challenge.pullEvents().map((event) => [event.type, event.payload])).toEqual([
        ['ChallengeFailed', { from: 'active', to: 'failed', cause: 'breach:daily_loss', breach: breachToData(breach) }],
      ]);
    });

    it('treats a second breach as a no-op: the first stands (§4)', () => {
      const challenge = challengeOnAccount();
      unwrap(challenge.failOnBreach(aBreachRecord(), inDay(challenge, 0, 3), '1001'));
      challenge.pullEvents();
      const before = challenge.toState();
      const second = challenge.failOnBreach(aBreachRecord({ rule: 'max_loss', floor: d('90000') }), inDay(challenge, 0, 4), '1001');
      expect(second).toEqual({ ok: true, value: undefined });
      expect(challenge.toState()).toEqual(before);
      expect(challenge.breach?.rule).toBe('daily_loss');
      expect(challenge.pullEvents()).toEqual([]);
    });

    it('refuses a breach on a passed phase account, or a challenge not active', () => {
      const passed = challengeOnAccount();
      tradeDays(passed, [0, 1, 2, 3, 4], '108000');
      const refused = passed.failOnBreach(aBreachRecord(), inDay(passed, 5), '1001');
      expect(refused.ok ? null : refused.error.code).toBe('CHALLENGE.AWAITING_NEXT_PHASE');

      const expired = challengeOnAccount();
      unwrap(expired.expire('trial_ended', inDay(expired, 1)));
      const notActive = expired.failOnBreach(aBreachRecord(), inDay(expired, 2), '1001');
      expect(notActive.ok ? null : notActive.error.code).toBe('CHALLENGE.INVALID_TRANSITION');
    });

    it('changes nothing for a breach of a login that is no longer the current phase account', () => {
      const challenge = challengeOnAccount();
      tradeDays(challenge, [0, 1, 2, 3, 4], '108000');
      unwrap(challenge.startNextPhase('1002', inDay(challenge, 5)));
      challenge.pullEvents();
      const before = challenge.toState();
      expect(challenge.failOnBreach(aBreachRecord(), inDay(challenge, 6), '1001').ok).toBe(true);
      expect(challenge.toState()).toEqual(before);
      expect(challenge.pullEvents()).toEqual([]);
    });
  });

  describe('reinstateAfterOverride', () => {
    const override = (challenge: Challenge, at: Date, account = '1001') => ({
      adminId: 'admin-1',
      reason: 'bad print from the feed',
      at,
      original: breachToData(aBreachRecord()),
      account,
    });

    it('makes a failed challenge active again, the original verdict on record (§4)', () => {
      const challenge = challengeOnAccount();
      unwrap(challenge.failOnBreach(aBreachRecord(), inDay(challenge, 0, 3), '1001'));
      challenge.pullEvents();

      unwrap(challenge.reinstateAfterOverride(override(challenge, inDay(challenge, 0, 5))));
      expect(challenge.status).toBe('active');
      expect(challenge.isTrading).toBe(true);
      expect(challenge.breach).toBeNull();
      expect(challenge.toState().breach).toBeNull();
      expect(challenge.toState().endedAt).toBeNull();
      expect(challenge.overrides).toEqual([
        { adminId: 'admin-1', reason: 'bad print from the feed', at: inDay(challenge, 0, 5), previousStatus: 'failed', original: breachToData(aBreachRecord()) },
      ]);
      expect(challenge.pullEvents().map((event) => [event.type, event.payload])).toEqual([
        [
          'ChallengeReinstated',
          {
            from: 'failed',
            to: 'active',
            cause: 'bad print from the feed',
            adminId: 'admin-1',
            original: breachToData(aBreachRecord()),
            account: '1001',
          },
        ],
      ]);
      // It trades on: the next opening deal counts its day.
      const next = unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { at: inDay(challenge, 1) })));
      expect(next.countedDay).toBe(addDays(FIRST_DAY, 1));
    });

    it('needs a reason, and changes nothing for another login or a challenge with no breach', () => {
      const challenge = challengeOnAccount();
      const missing = challenge.reinstateAfterOverride({ ...override(challenge, inDay(challenge, 1)), reason: '  ' });
      expect(missing.ok ? null : missing.error.code).toBe('CHALLENGE.REASON_REQUIRED');

      const before = challenge.toState();
      expect(challenge.reinstateAfterOverride(override(challenge, inDay(challenge, 1))).ok).toBe(true);
      expect(challenge.toState()).toEqual(before);
      expect(challenge.pendingEvents).toEqual([]);
      unwrap(challenge.failOnBreach(aBreachRecord(), inDay(challenge, 1, 3), '1001'));
      challenge.pullEvents();
      const failed = challenge.toState();
      expect(challenge.reinstateAfterOverride(override(challenge, inDay(challenge, 1, 4), '9999')).ok).toBe(true);
      expect(challenge.toState()).toEqual(failed);
      expect(challenge.pullEvents()).toEqual([]);
    });

    it('refuses a challenge that did not fail on a breach', () => {
      const challenge = challengeOnAccount();
      unwrap(challenge.expire('trial_ended', inDay(challenge, 1)));
      const refused = challenge.reinstateAfterOverride(override(challenge, inDay(challenge, 2)));
      expect(refused.ok ? null : refused.error).toMatchObject({ code: 'CHALLENGE.NOT_BREACHED', details: { status: 'expired' } });
    });
  });

  it('resets a failed challenge: the ended attempt keeps its breach and final balance, the new one starts clean (§3)', () => {
    const challenge = challengeOnAccount();
    unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'close', at: inDay(challenge, 0, 2), balance: d('97000') })));
    unwrap(challenge.failOnBreach(aBreachRecord(), inDay(challenge, 0, 3), '1001'));
    unwrap(challenge.reset({ account: '2001', paid: challenge.resetPrice(), at: inDay(challenge, 1) }));
    expect(challenge.history).toEqual([
      expect.objectContaining({ attempt: 1, account: '1001', outcome: 'failed', finalBalance: '97000', breach: breachToData(aBreachRecord()) }),
    ]);
    expect(challenge).toMatchObject({ status: 'active', phase: 1, attempt: 2, account: '2001', breach: null, isTrading: true });
    expect(challenge.toState()).toMatchObject({ breach: null, lastBalance: null });
  });

  it('keeps its breach and last balance through toState and restore', () => {
    const challenge = challengeOnAccount();
    unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'partial_close', balance: d('99000.5') })));
    unwrap(challenge.failOnBreach(aBreachRecord(), inDay(challenge, 0, 3), '1001'));
    const state = challenge.toState();
    expect(state).toMatchObject({ lastBalance: '99000.5', breach: breachToData(aBreachRecord()) });
    const restored = Challenge.restore(state);
    expect(restored.toState()).toEqual(state);
    expect(restored.breach).toEqual(aBreachRecord());
  });

  it('checkPhaseWith: the pass conditions with the trading account figures and its own counted days', () => {
    const challenge = challengeOnAccount();
    tradeDays(challenge, [0, 1, 2], '100000');
    expect(challenge.checkPhaseWith(d('108000'), 0)).toEqual({
      phase: 1,
      passed: false,
      profitTarget: { met: true, targetBalance: d('108000'), balance: d('108000') },
      minTradingDays: { met: false, required: 5, done: 3 },
      noOpenPositions: { met: true, open: 0 },
      notBreached: true,
    });
    expect(challenge.checkPhaseWith(d('107999.99'), 2)).toMatchObject({ profitTarget: { met: false }, noOpenPositions: { met: false, open: 2 } });
  });

  it('the mother builds it on QA_INSTANT with nothing pending', () => {
    const challenge = anActiveChallenge({ account: '4242' });
    expect(challenge.toState()).toMatchObject({ account: '4242', activatedAt: QA_INSTANT, breach: null, lastBalance: null });
    expect(tradingActivityOf(challenge)).toMatchObject({ account: '4242', tradingDay: FIRST_DAY, openPositions: 1 });
    expect(tradingDayStartOf(challenge, '2026-01-06')).toMatchObject({ account: '4242', at: challenge.rules.calendar.startOf('2026-01-06') });
  });
});
