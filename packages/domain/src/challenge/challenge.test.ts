import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/local-date.js';
import { breachToData } from '../drawdown/breach-record.js';
import { Money } from '../money/money.js';
import { STELLAR_1STEP } from '../catalog/stellar-models.js';
import { unwrap } from '../shared/result.js';
import type { DealAction } from '../trading-account/trading-account-deal.js';
import { aBreachRecord } from '../testing/breach-record-mother.js';
import { Challenge, type TradingActivity } from './challenge.js';
import type { ChallengeState } from './challenge-state.js';
import { d, snapshotOf } from './testing/challenge-fixtures.js';

/**
 * The challenge lifecycle of docs/rules.md §3 on a 100k Stellar 2-Step (New
 * York 17:00), driven as the application drives it: by the facts its
 * phase's trading account reports (deals, day starts, a handled breach, an
 * override). The loss limits themselves are the trading account's
 * (trading-account.test.ts).
 */
const rules = snapshotOf();
const calendar = rules.calendar;
const FIRST_DAY = '2026-01-06';
/** An instant `hours` after the reset that opens trading day FIRST_DAY + n. */
const inDay = (n: number, hours = 1) => new Date(calendar.startOf(addDays(FIRST_DAY, n)).getTime() + hours * 3_600_000);

function activeChallenge(snapshot = rules): Challenge {
  const challenge = Challenge.create({ id: 'ch-1', traderId: 'tr-1', rules: snapshot, at: inDay(0, 0.5) });
  expect(challenge.activate('login-1', inDay(0, 1)).ok).toBe(true);
  challenge.pullEvents();
  return challenge;
}

/** A deal on the challenge's current account as `TradingAccountDealRecorded` reports it. */
const deal = (challenge: Challenge, action: DealAction, at: Date, balance: string, openPositions = action === 'open' ? 1 : 0): TradingActivity => ({
  account: challenge.account!,
  action,
  at,
  tradingDay: calendar.tradingDayOf(at),
  balance: d(balance),
  openPositions,
});
const dayStart = (challenge: Challenge, n: number, balance = '100000', openPositions = 0) => {
  const day = addDays(FIRST_DAY, n);
  return challenge.recordTradingDayStarted({ account: challenge.account!, day, at: calendar.startOf(day), balance: d(balance), openPositions });
};

/** Opens and closes one position in each of `days` trading days, ending at `finalBalance`. */
function tradeDays(challenge: Challenge, days: number[], finalBalance: string, startBalance = '100000'): void {
  days.forEach((n, i) => {
    const last = i === days.length - 1;
    unwrap(challenge.recordTradingActivity(deal(challenge, 'open', inDay(n, 2), startBalance)));
    unwrap(challenge.recordTradingActivity(deal(challenge, 'close', inDay(n, 3), last ? finalBalance : startBalance)));
  });
}

/** Failed on the breach its trading account handled at `equity` (daily floor 95,000). */
function failedAt(equity: string): Challenge {
  const challenge = activeChallenge();
  const breach = aBreachRecord({ equity: d(equity), at: inDay(0, 3), tradingDay: FIRST_DAY });
  unwrap(challenge.failOnBreach(breach, inDay(0, 4), 'login-1'));
  return challenge;
}

describe('Challenge lifecycle', () => {
  it('is created pending payment and activated on its trading account', () => {
    const challenge = Challenge.create({ id: 'ch-1', traderId: 'tr-1', rules, at: inDay(0) });
    expect(challenge.status).toBe('pending_payment');
    expect(challenge.activate('login-1', inDay(0, 2)).ok).toBe(true);
    expect(challenge.status).toBe('active');
    expect(challenge.phase).toBe(1);
    expect(challenge.isTrading).toBe(true);
    expect(challenge.pullEvents().map((e) => [e.type, 'from' in e.payload ? e.payload.cause : null])).toEqual([
      ['ChallengeCreated', 'purchased'],
      ['ChallengeActivated', 'account_provisioned'],
    ]);
    // The loss limits are the trading account's: the challenge keeps no drawdown state.
    expect(challenge.toState()).not.toHaveProperty('drawdown');
    const again = challenge.activate('login-2', inDay(0, 3));
    expect(again.ok ? null : again.error.code).toBe('CHALLENGE.INVALID_TRANSITION');
    const blank = Challenge.create({ id: 'ch-2', traderId: 'tr-1', rules, at: inDay(0) }).activate(' ', inDay(0, 2));
    expect(blank.ok ? null : blank.error.code).toBe('CHALLENGE.ACCOUNT_REQUIRED');
  });

  it('takes no trading fact before activation', () => {
    const challenge = Challenge.create({ id: 'ch-1', traderId: 'tr-1', rules, at: inDay(0) });
    challenge.pullEvents();
    const before = challenge.toState();
    const fact = { account: 'login-1', action: 'open' as const, at: inDay(0, 2), tradingDay: FIRST_DAY, balance: d('100000'), openPositions: 1 };
    expect(unwrap(challenge.recordTradingActivity(fact))).toEqual({ countedDay: null, passCheck: null, passed: false });
    expect(challenge.toState()).toEqual(before);
    expect(challenge.pendingEvents).toEqual([]);
  });
});

describe('trading-day count', () => {
  it('counts a day once however many positions are opened in it', () => {
    const challenge = activeChallenge();
    unwrap(challenge.recordTradingActivity(deal(challenge, 'open', inDay(0, 2), '100000')));
    unwrap(challenge.recordTradingActivity(deal(challenge, 'open', inDay(0, 3), '100000', 2)));
    unwrap(challenge.recordTradingActivity(deal(challenge, 'close', inDay(0, 4), '100100', 1)));
    expect(challenge.countedTradingDays).toEqual([FIRST_DAY]);
  });

  it('counts a position held over several days only on the day it was opened', () => {
    const challenge = activeChallenge();
    unwrap(challenge.recordTradingActivity(deal(challenge, 'open', inDay(0, 2), '100000')));
    for (const n of [1, 2, 3]) unwrap(dayStart(challenge, n, '100000', 1));
    unwrap(challenge.recordTradingActivity(deal(challenge, 'close', inDay(3, 2), '100200')));
    expect(challenge.countedTradingDays).toEqual([FIRST_DAY]);
  });

  it('counts a deal on the firm trading day of its instant (17:00 New York boundary)', () => {
    const challenge = activeChallenge();
    unwrap(challenge.recordTradingActivity(deal(challenge, 'open', new Date('2026-01-06T21:59:59Z'), '100000')));
    unwrap(challenge.recordTradingActivity(deal(challenge, 'open', new Date('2026-01-06T22:00:00Z'), '100000', 2)));
    expect(challenge.countedTradingDays).toEqual(['2026-01-06', '2026-01-07']);
  });
});

describe('passing phases', () => {
  it('passes phase 1 on the closing deal that meets target and minimum days, then phase 2 on a fresh account', () => {
    const challenge = activeChallenge();
    tradeDays(challenge, [0, 1, 2, 3], '100000');
    expect(challenge.checkPhaseWith(d('100000'), 0).minTradingDays).toEqual({ met: false, required: 5, done: 4 });

    unwrap(challenge.recordTradingActivity(deal(challenge, 'open', inDay(4, 2), '100000')));
    const notYet = unwrap(challenge.recordTradingActivity(deal(challenge, 'close', inDay(4, 3), '107999.99')));
    expect(notYet.passed).toBe(false);
    unwrap(challenge.recordTradingActivity(deal(challenge, 'open', inDay(4, 4), '107999.99')));
    const passed = unwrap(challenge.recordTradingActivity(deal(challenge, 'close', inDay(4, 5), '108000')));
    expect(passed.passed).toBe(true);
    expect(challenge.status).toBe('active');
    expect(challenge.phasePassed).toBe(true);
    expect(challenge.isTrading).toBe(false);

    // The passed phase's account is closed: a late deal from it changes nothing.
    const before = challenge.toState();
    expect(unwrap(challenge.recordTradingActivity(deal(challenge, 'open', inDay(4, 6), '108000'))).countedDay).toBeNull();
    expect(challenge.toState()).toEqual(before);

    const early = activeChallenge().startNextPhase('login-2', inDay(5, 1));
    expect(early.ok ? null : early.error.code).toBe('CHALLENGE.PHASE_NOT_PASSED');
    expect(challenge.startNextPhase('login-2', inDay(5, 1)).ok).toBe(true);
    expect(challenge.phase).toBe(2);
    expect(challenge.account).toBe('login-2');
    expect(challenge.countedTradingDays).toEqual([]);
    expect(challenge.toState()).toMatchObject({ lastBalance: null, breach: null });
    expect(challenge.history).toHaveLength(1);
    expect(challenge.history[0]).toMatchObject({ phase: 1, outcome: 'passed', account: 'login-1', finalBalance: '108000' });
    expect(challenge.history[0]!.tradingDays).toHaveLength(5);

    tradeDays(challenge, [5, 6, 7, 8, 9], '105000');
    expect(challenge.status).toBe('pending_kyc');
    const types = challenge.pullEvents().map((e) => e.type);
    expect(types.filter((t) => t === 'ChallengePhasePassed')).toHaveLength(2);
    expect(types).toContain('ChallengePhaseStarted');
    expect(types.at(-1)).toBe('ChallengePassed');

    expect(challenge.markFunded('fa-1', inDay(12)).ok).toBe(true);
    expect(challenge.status).toBe('funded');
    expect(challenge.pullEvents()).toEqual([
      expect.objectContaining({ type: 'ChallengeFunded', payload: expect.objectContaining({ from: 'pending_kyc', to: 'funded', fundedAccountId: 'fa-1' }) }),
    ]);
  });

  it('does not pass with an open position, and passes on the close that leaves the account flat', () => {
    const challenge = activeChallenge();
    tradeDays(challenge, [0, 1, 2, 3], '100000');
    unwrap(challenge.recordTradingActivity(deal(challenge, 'open', inDay(4, 1), '100000')));
    unwrap(challenge.recordTradingActivity(deal(challenge, 'open', inDay(4, 2), '100000', 2)));
    const closed = unwrap(challenge.recordTradingActivity(deal(challenge, 'close', inDay(4, 3), '108500', 1)));
    expect(closed.passCheck?.noOpenPositions).toEqual({ met: false, open: 1 });
    expect(closed.passed).toBe(false);
    // The remaining position is closed at break-even by a stop; the pass is seen on that close.
    const last = unwrap(challenge.recordTradingActivity(deal(challenge, 'close', inDay(4, 4), '108500')));
    expect(last.passed).toBe(true);
  });

  it('checks the pass at each rollover (a balance correction reached the target)', () => {
    const challenge = activeChallenge(snapshotOf({ model: STELLAR_1STEP }));
    tradeDays(challenge, [0, 1], '100000');
    expect(challenge.status).toBe('active');
    const rolled = unwrap(dayStart(challenge, 2, '110000'));
    expect(rolled.passed).toBe(true);
    expect(challenge.status).toBe('pending_kyc');
  });
});

describe('breach handling', () => {
  it('fails on the breach its trading account handled, keeping the record; a second one is a no-op', () => {
    const challenge = activeChallenge();
    unwrap(challenge.recordTradingActivity(deal(challenge, 'open', inDay(0, 2), '100000')));
    const tick = { symbol: 'EURUSD', bid: d('1.0501'), ask: d('1.0502'), time: inDay(0, 3) };
    const breach = aBreachRecord({ equity: d('95000'), tick, at: inDay(0, 3), tradingDay: FIRST_DAY });
    challenge.pullEvents();

    unwrap(challenge.failOnBreach(breach, inDay(0, 5), 'login-1'));
    expect(challenge.status).toBe('failed');
    expect(challenge.isTrading).toBe(false);
    expect(challenge.breach?.tick).toEqual(tick);
    expect(challenge.pullEvents()).toEqual([
      expect.objectContaining({ type: 'ChallengeFailed', payload: { from: 'active', to: 'failed', cause: 'breach:daily_loss', breach: breachToData(breach) } }),
    ]);

    unwrap(challenge.failOnBreach(aBreachRecord({ rule: 'max_loss' }), inDay(0, 6), 'login-1'));
    expect(challenge.breach).toEqual(breach);
    expect(challenge.pullEvents()).toEqual([]);
    // Facts that reach it after the breach change nothing.
    const after = challenge.toState();
    unwrap(challenge.recordTradingActivity(deal(challenge, 'close', inDay(0, 7), '95000')));
    expect(challenge.toState()).toEqual(after);
  });

  it('lets an admin override a false breach while keeping the original verdict', () => {
    const challenge = failedAt('80000');
    challenge.pullEvents();
    const original = breachToData(challenge.breach!);
    const override = (reason: string, at: Date) => ({ adminId: 'admin-1', reason, at, original, account: 'login-1' });
    const blank = challenge.reinstateAfterOverride(override(' ', inDay(0, 5)));
    expect(blank.ok ? null : blank.error.code).toBe('CHALLENGE.REASON_REQUIRED');
    unwrap(challenge.reinstateAfterOverride(override('bad tick from the feed', inDay(0, 5))));
    expect(challenge.status).toBe('active');
    expect(challenge.breach).toBeNull();
    expect(challenge.overrides).toEqual([
      expect.objectContaining({ adminId: 'admin-1', previousStatus: 'failed', original: expect.objectContaining({ equity: '80000' }) }),
    ]);
    const [event] = challenge.pullEvents();
    expect(event).toMatchObject({
      type: 'ChallengeReinstated',
      payload: { from: 'failed', to: 'active', adminId: 'admin-1', original: { rule: 'daily_loss', equity: '80000' }, account: 'login-1' },
    });
    expect(unwrap(challenge.recordTradingActivity(deal(challenge, 'open', inDay(0, 6), '100000'))).countedDay).toBe(FIRST_DAY);
  });
});

describe('inactivity', () => {
  it('expires after 30 trading days without a trade, counted from the last trade', () => {
    const challenge = activeChallenge();
    unwrap(challenge.recordTradingActivity(deal(challenge, 'open', inDay(2, 2), '100000')));
    unwrap(challenge.recordTradingActivity(deal(challenge, 'close', inDay(2, 3), '100000')));
    for (let n = 3; n <= 32; n++) expect(unwrap(dayStart(challenge, n)).expired).toBe(false);
    expect(unwrap(dayStart(challenge, 33)).expired).toBe(true);
    expect(challenge.status).toBe('expired');
    expect(challenge.pullEvents().at(-1)).toMatchObject({ type: 'ChallengeExpired', payload: { reason: 'inactivity', cause: 'inactivity' } });
  });

  it('expires on the first news after a long silence: the missed day start comes first, the deal after it changes nothing', () => {
    // The trading account runs the missed rollover before a deal from a later day and reports it first.
    const challenge = activeChallenge();
    expect(unwrap(dayStart(challenge, 40)).expired).toBe(true);
    expect(challenge.status).toBe('expired');
    const ended = challenge.toState();
    expect(unwrap(challenge.recordTradingActivity(deal(challenge, 'open', inDay(40, 2), '100000'))).countedDay).toBeNull();
    expect(challenge.toState()).toEqual(ended);
  });

  it('ends a trial with its own reason, once', () => {
    const trial = activeChallenge();
    unwrap(trial.expire('trial_ended', inDay(3)));
    expect(trial.pullEvents().at(-1)).toMatchObject({ type: 'ChallengeExpired', payload: { reason: 'trial_ended' } });
    const again = trial.expire('trial_ended', inDay(4));
    expect(again.ok ? null : again.error.code).toBe('CHALLENGE.INVALID_TRANSITION');
  });
});

describe('reset, cancel, refund', () => {
  it('resets a failed challenge at price × (1 − 10%) to phase 1 on a fresh account', () => {
    const challenge = failedAt('89000');
    expect(challenge.resetPrice().toFixed()).toBe('404.10');
    const wrong = challenge.reset({ account: 'login-9', paid: Money.of('449'), at: inDay(1) });
    expect(wrong.ok ? null : wrong.error.code).toBe('CHALLENGE.RESET_PRICE_MISMATCH');
    expect(challenge.reset({ account: 'login-9', paid: Money.of('404.10'), at: inDay(1) }).ok).toBe(true);
    expect(challenge.status).toBe('active');
    expect(challenge.attempt).toBe(2);
    expect(challenge.breach).toBeNull();
    expect(challenge.account).toBe('login-9');
    expect(challenge.history.at(-1)).toMatchObject({ outcome: 'failed', attempt: 1, breach: { rule: 'daily_loss', equity: '89000' } });
  });

  it('does not reset an active challenge', () => {
    const reset = activeChallenge().reset({ account: 'x', paid: Money.of('404.10'), at: inDay(1) });
    expect(reset.ok ? null : reset.error.code).toBe('CHALLENGE.INVALID_TRANSITION');
  });

  it('cancels before or during trading, refunds until funded', () => {
    const pending = Challenge.create({ id: 'c', traderId: 't', rules, at: inDay(0) });
    expect(pending.cancel('payment abandoned', inDay(0, 2)).ok).toBe(true);
    const refundCancelled = pending.refund('chargeback', inDay(0, 3));
    expect(refundCancelled.ok ? null : refundCancelled.error.code).toBe('CHALLENGE.INVALID_TRANSITION');

    const active = activeChallenge();
    expect(active.refund('chargeback', inDay(1)).ok).toBe(true);
    expect(active.status).toBe('refunded');
    expect(active.pullEvents()).toEqual([
      expect.objectContaining({ type: 'ChallengeRefunded', payload: { from: 'active', to: 'refunded', cause: 'chargeback' } }),
    ]);
  });
});

/** As a repository's JSON columns would give the state back: instants revived as Dates (a breach record keeps ISO strings). */
function throughJson(state: unknown): ChallengeState {
  const dates = ['createdAt', 'activatedAt', 'endedAt', 'updatedAt', 'phaseStartedAt', 'lastTradeAt', 'startedAt', 'at'];
  return JSON.parse(JSON.stringify(state), function (this: object, key: string, value: unknown) {
    const inBreachRecord = 'inputHash' in this;
    return dates.includes(key) && typeof value === 'string' && !inBreachRecord ? new Date(value) : value;
  });
}

describe('persistence shape', () => {
  it('restores from plain data and carries on identically', () => {
    const original = activeChallenge();
    tradeDays(original, [0, 1], '101000');
    unwrap(original.recordTradingActivity(deal(original, 'open', inDay(1, 5), '101000')));
    original.pullEvents();
    const restored = Challenge.restore(throughJson(original.toState()));
    expect(restored.toState()).toEqual(original.toState());
    const next = (c: Challenge) => unwrap(c.recordTradingActivity(deal(c, 'open', inDay(2, 2), '101000', 2)));
    expect(next(restored)).toEqual(next(original));
    expect(restored.pullEvents()).toEqual(original.pullEvents());
    expect(restored.toState()).toEqual(original.toState());
  });

  it('loads a row stored with drawdown state of its own: the key is dropped, its breach and last balance kept', () => {
    const failed = failedAt('94000');
    const { breach, lastBalance: _lastBalance, ...rest } = failed.toState();
    // The rest of the stored drawdown object is not read.
    const legacy = { ...rest, drawdown: { tradingDay: FIRST_DAY, lastBalance: '98750.5', breach, dayStartBalance: '100000' } };
    const restored = Challenge.restore(throughJson(legacy));
    expect(restored.toState()).not.toHaveProperty('drawdown');
    expect(restored.toState()).toMatchObject({ status: 'failed', breach, lastBalance: '98750.5' });
    expect(restored.breach).toEqual(failed.breach);

    // Fields of its own win over the drawdown's.
    const own = Challenge.restore(throughJson({ ...failed.toState(), lastBalance: '97000', drawdown: { lastBalance: '1', breach: null } }));
    expect(own.toState()).toMatchObject({ lastBalance: '97000', breach });
    // An active row whose drawdown held a breach not yet handled: it does not trade, fails on it, or is reinstated.
    const active = activeChallenge().toState();
    const { breach: _b, lastBalance: _l, ...activeRest } = active;
    const pending = () => Challenge.restore({ ...activeRest, drawdown: { lastBalance: '100000', breach } });
    expect(pending().isTrading).toBe(false);
    const expiring = pending().expire('trial_ended', inDay(0, 5));
    expect(expiring.ok ? null : expiring.error.code).toBe('CHALLENGE.ALREADY_BREACHED');
    const failing = pending();
    unwrap(failing.failOnBreach(aBreachRecord({ rule: 'max_loss' }), inDay(0, 5), 'login-1'));
    expect(failing.toState().breach).toEqual(breach);
    const cleared = pending();
    unwrap(cleared.reinstateAfterOverride({ adminId: 'admin-1', reason: 'bad print', at: inDay(0, 5), original: breach!, account: 'login-1' }));
    expect(cleared.isTrading).toBe(true);
    expect(cleared.overrides[0]?.previousStatus).toBe('active');
    expect(cleared.pullEvents().map((event) => event.type)).toEqual(['ChallengeReinstated']);
  });
});
