import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/local-date.js';
import { Money } from '../money/money.js';
import { STELLAR_1STEP } from '../catalog/stellar-models.js';
import { Challenge } from './challenge.js';
import type { ChallengeDeal } from './challenge-deal.js';
import { d, snapshotOf } from './testing/challenge-fixtures.js';

const rules = snapshotOf(); // 100k Stellar 2-Step, New York 17:00
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

let dealNo = 0;
const deal = (action: ChallengeDeal['action'], positionId: string, at: Date, balance: string, equity = balance): ChallengeDeal => ({
  dealId: String(++dealNo),
  positionId,
  action,
  at,
  balance: d(balance),
  equity: d(equity),
});

/** An admin's override at `at`, the trading account flat at 100,000 (the breach was a bad tick). */
const override = (reason: string, at: Date) => ({ adminId: 'admin-1', reason, at, balance: d('100000'), equity: d('100000') });

/** Opens and closes one position in each of `days` trading days, ending at `finalBalance`. */
function tradeDays(challenge: Challenge, days: number[], finalBalance: string, startBalance = '100000'): void {
  days.forEach((n, i) => {
    const last = i === days.length - 1;
    expect(challenge.recordDeal(deal('open', `p${n}`, inDay(n, 2), startBalance)).ok).toBe(true);
    const closed = challenge.recordDeal(deal('close', `p${n}`, inDay(n, 3), last ? finalBalance : startBalance));
    expect(closed.ok).toBe(true);
  });
}

describe('Challenge lifecycle', () => {
  it('is created pending payment and activated on its trading account', () => {
    const challenge = Challenge.create({ id: 'ch-1', traderId: 'tr-1', rules, at: inDay(0) });
    expect(challenge.status).toBe('pending_payment');
    expect(challenge.activate('login-1', inDay(0, 2)).ok).toBe(true);
    expect(challenge.status).toBe('active');
    expect(challenge.phase).toBe(1);
    expect(challenge.pullEvents().map((e) => [e.type, 'from' in e.payload ? e.payload.cause : null])).toEqual([
      ['ChallengeCreated', 'purchased'],
      ['ChallengeActivated', 'account_provisioned'],
    ]);
    const again = challenge.activate('login-2', inDay(0, 3));
    expect(again.ok ? null : again.error.code).toBe('CHALLENGE.INVALID_TRANSITION');
  });

  it('refuses deals before activation', () => {
    const challenge = Challenge.create({ id: 'ch-1', traderId: 'tr-1', rules, at: inDay(0) });
    const refused = challenge.recordDeal(deal('open', 'p', inDay(0, 2), '100000'));
    expect(refused.ok ? null : refused.error.code).toBe('CHALLENGE.NOT_ACTIVE');
  });
});

describe('trading-day count', () => {
  it('counts a day once however many positions are opened in it', () => {
    const challenge = activeChallenge();
    challenge.recordDeal(deal('open', 'a', inDay(0, 2), '100000'));
    challenge.recordDeal(deal('open', 'b', inDay(0, 3), '100000'));
    challenge.recordDeal(deal('close', 'a', inDay(0, 4), '100100'));
    expect(challenge.countedTradingDays).toEqual([FIRST_DAY]);
  });

  it('counts a position held over several days only on the day it was opened', () => {
    const challenge = activeChallenge();
    challenge.recordDeal(deal('open', 'a', inDay(0, 2), '100000'));
    for (const n of [1, 2, 3]) challenge.rollTradingDay(calendar.startOf(addDays(FIRST_DAY, n)), d('100000'), d('100200'));
    challenge.recordDeal(deal('close', 'a', inDay(3, 2), '100200'));
    expect(challenge.countedTradingDays).toEqual([FIRST_DAY]);
  });

  it('assigns a deal to the firm trading day of its instant (17:00 New York boundary)', () => {
    const challenge = activeChallenge();
    challenge.recordDeal(deal('open', 'a', new Date('2026-01-06T21:59:59Z'), '100000'));
    challenge.recordDeal(deal('open', 'b', new Date('2026-01-06T22:00:00Z'), '100000'));
    expect(challenge.countedTradingDays).toEqual(['2026-01-06', '2026-01-07']);
  });
});

describe('passing phases', () => {
  it('passes phase 1 on the closing deal that meets target and minimum days, then phase 2 on a fresh account', () => {
    const challenge = activeChallenge();
    tradeDays(challenge, [0, 1, 2, 3], '100000');
    expect(challenge.checkPhase().minTradingDays).toEqual({ met: false, required: 5, done: 4 });

    challenge.recordDeal(deal('open', 'p4', inDay(4, 2), '100000'));
    const notYet = challenge.recordDeal(deal('close', 'p4', inDay(4, 3), '107999.99'));
    expect(notYet.ok && notYet.value.passed).toBe(false);
    challenge.recordDeal(deal('open', 'p5', inDay(4, 4), '107999.99'));
    const passed = challenge.recordDeal(deal('close', 'p5', inDay(4, 5), '108000'));
    expect(passed.ok && passed.value.passed).toBe(true);
    expect(challenge.status).toBe('active');
    expect(challenge.phasePassed).toBe(true);

    const late = challenge.recordDeal(deal('open', 'x', inDay(4, 6), '108000'));
    expect(late.ok ? null : late.error.code).toBe('CHALLENGE.AWAITING_NEXT_PHASE');

    expect(challenge.startNextPhase('login-2', inDay(5, 1)).ok).toBe(true);
    expect(challenge.phase).toBe(2);
    expect(challenge.account).toBe('login-2');
    expect(challenge.countedTradingDays).toEqual([]);
    expect(challenge.drawdown?.dayStartBalance.toFixed()).toBe('100000');
    expect(challenge.history).toHaveLength(1);
    expect(challenge.history[0]).toMatchObject({ phase: 1, outcome: 'passed', account: 'login-1', finalBalance: '108000' });
    expect(challenge.history[0]!.tradingDays).toHaveLength(5);

    tradeDays(challenge, [5, 6, 7, 8, 9], '105000');
    expect(challenge.status).toBe('pending_kyc');
    const types = challenge.pullEvents().map((e) => e.type);
    expect(types.filter((t) => t === 'ChallengePhasePassed')).toHaveLength(2);
    expect(types.at(-1)).toBe('ChallengePassed');

    expect(challenge.markFunded('fa-1', inDay(12)).ok).toBe(true);
    expect(challenge.status).toBe('funded');
  });

  it('does not pass with an open position, and passes at the rollover once the balance holds', () => {
    const challenge = activeChallenge();
    tradeDays(challenge, [0, 1, 2, 3], '100000');
    challenge.recordDeal(deal('open', 'keep', inDay(4, 1), '100000'));
    challenge.recordDeal(deal('open', 'win', inDay(4, 2), '100000'));
    const closed = challenge.recordDeal(deal('close', 'win', inDay(4, 3), '108500', '108400'));
    expect(closed.ok && closed.value.passCheck?.noOpenPositions).toEqual({ met: false, open: 1 });
    expect(closed.ok && closed.value.passed).toBe(false);
    // The remaining position is closed at break-even by a stop; the pass is seen on that close.
    const last = challenge.recordDeal(deal('close', 'keep', inDay(4, 4), '108500'));
    expect(last.ok && last.value.passed).toBe(true);
  });

  it('checks the pass at each rollover (a balance correction reached the target)', () => {
    const challenge = activeChallenge(snapshotOf({ model: STELLAR_1STEP }));
    tradeDays(challenge, [0, 1], '100000');
    challenge.evaluateEquity({ balance: d('110000'), equity: d('110000'), at: inDay(1, 5) });
    expect(challenge.status).toBe('active');
    const rolled = challenge.rollTradingDay(calendar.startOf(addDays(FIRST_DAY, 2)), d('110000'), d('110000'));
    expect(rolled.ok && rolled.value.passed).toBe(true);
    expect(challenge.status).toBe('pending_kyc');
  });
});

describe('breach handling', () => {
  it('detects a breach once, then fails the challenge when asked, keeping the record', () => {
    const challenge = activeChallenge();
    challenge.recordDeal(deal('open', 'a', inDay(0, 2), '100000'));
    const tick = { symbol: 'EURUSD', bid: d('1.0501'), ask: d('1.0502'), time: inDay(0, 3) };
    const verdict = challenge.evaluateEquity({ balance: d('100000'), equity: d('95000'), at: inDay(0, 3), tick });
    expect(verdict.ok && verdict.value.verdict).toBe('breach');
    expect(challenge.status).toBe('active');
    expect(challenge.isTrading).toBe(false);
    const detected = challenge.pullEvents().find((e) => e.type === 'ChallengeBreachDetected');
    expect(detected?.payload).toMatchObject({ account: 'login-1', breach: { rule: 'daily_loss', floor: '95000', equity: '95000' } });

    const second = challenge.evaluateEquity({ balance: d('100000'), equity: d('94000'), at: inDay(0, 4) });
    expect(second.ok ? null : second.error.code).toBe('CHALLENGE.ALREADY_BREACHED');
    const closing = challenge.recordDeal(deal('close', 'a', inDay(0, 4), '95000'));
    expect(closing.ok ? null : closing.error.code).toBe('CHALLENGE.ALREADY_BREACHED');

    expect(challenge.fail(null, inDay(0, 5)).ok).toBe(true);
    expect(challenge.status).toBe('failed');
    expect(challenge.breach?.tick).toEqual(tick);
    const again = challenge.fail(null, inDay(0, 6));
    expect(again.ok ? null : again.error.code).toBe('CHALLENGE.ALREADY_BREACHED');
  });

  it('lets the first detected breach stand when fail is called with another', () => {
    const challenge = activeChallenge();
    challenge.evaluateEquity({ balance: d('100000'), equity: d('94000'), at: inDay(0, 3) });
    const other = { ...challenge.breach!, equity: d('1') };
    challenge.fail(other, inDay(0, 4));
    expect(challenge.breach?.equity.toFixed()).toBe('94000');
  });

  it('fails on a breach the risk monitor detected outside the aggregate', () => {
    const challenge = activeChallenge();
    const breach = {
      rule: 'max_loss' as const,
      floor: d('90000'),
      equity: d('89999'),
      balance: d('100000'),
      tick: null,
      at: inDay(0, 3),
      tradingDay: FIRST_DAY,
      inputHash: 'sha256:x',
    };
    expect(challenge.fail(breach, inDay(0, 4)).ok).toBe(true);
    expect(challenge.breach).toEqual(breach);
    const none = activeChallenge().fail(null, inDay(0, 4));
    expect(none.ok ? null : none.error.code).toBe('CHALLENGE.NOT_BREACHED');
  });

  it('breaches at the reset when the new day-start balance lifts the daily floor above equity', () => {
    const challenge = activeChallenge();
    challenge.recordDeal(deal('open', 'win', inDay(0, 2), '100000'));
    challenge.recordDeal(deal('close', 'win', inDay(0, 3), '103000'));
    challenge.recordDeal(deal('open', 'lose', inDay(0, 4), '103000', '96000'));
    // Day floor 95,000 today; at the reset it becomes 103,000 − 5,000 = 98,000 > 96,000.
    const rolled = challenge.rollTradingDay(calendar.startOf(addDays(FIRST_DAY, 1)), d('103000'), d('96000'));
    expect(rolled.ok && rolled.value.verdict?.breach?.rule).toBe('daily_loss');
    expect(rolled.ok && rolled.value.verdict?.breach?.floor.toFixed()).toBe('98000');
  });

  it('lets an admin override a false breach while keeping the original verdict', () => {
    const challenge = activeChallenge();
    challenge.evaluateEquity({ balance: d('100000'), equity: d('80000'), at: inDay(0, 3) });
    challenge.fail(null, inDay(0, 4));
    challenge.pullEvents();
    const blank = challenge.overrideBreach(override(' ', inDay(0, 5)));
    expect(blank.ok ? null : blank.error.code).toBe('CHALLENGE.REASON_REQUIRED');
    expect(challenge.overrideBreach(override('bad tick from the feed', inDay(0, 5))).ok).toBe(true);
    expect(challenge.status).toBe('active');
    expect(challenge.breach).toBeNull();
    expect(challenge.overrides).toEqual([
      expect.objectContaining({ adminId: 'admin-1', previousStatus: 'failed', original: expect.objectContaining({ equity: '80000' }) }),
    ]);
    const [event] = challenge.pullEvents();
    expect(event).toMatchObject({
      type: 'ChallengeBreachOverridden',
      payload: { from: 'failed', to: 'active', adminId: 'admin-1', original: { rule: 'daily_loss', equity: '80000' } },
    });
    expect(challenge.evaluateEquity({ balance: d('100000'), equity: d('99000'), at: inDay(0, 6) }).ok).toBe(true);
    const nothing = challenge.overrideBreach(override('again', inDay(0, 7)));
    expect(nothing.ok ? null : nothing.error.code).toBe('CHALLENGE.NOT_BREACHED');
  });
});

describe('inactivity', () => {
  it('expires after 30 trading days without a trade, counted from the last trade', () => {
    const challenge = activeChallenge();
    challenge.recordDeal(deal('open', 'a', inDay(2, 2), '100000'));
    challenge.recordDeal(deal('close', 'a', inDay(2, 3), '100000'));
    for (let n = 3; n <= 32; n++) {
      const rolled = challenge.rollTradingDay(calendar.startOf(addDays(FIRST_DAY, n)), d('100000'), d('100000'));
      expect(rolled.ok && rolled.value.expired).toBe(false);
    }
    const rolled = challenge.rollTradingDay(calendar.startOf(addDays(FIRST_DAY, 33)), d('100000'), d('100000'));
    expect(rolled.ok && rolled.value.expired).toBe(true);
    expect(challenge.status).toBe('expired');
    expect(challenge.pullEvents().at(-1)).toMatchObject({ type: 'ChallengeExpired', payload: { reason: 'inactivity', cause: 'inactivity' } });
  });

  it('expires on the first news after a long silence (a late deal runs the missed rollover first)', () => {
    const challenge = activeChallenge();
    const outcome = challenge.recordDeal(deal('open', 'a', inDay(40, 2), '100000'));
    expect(outcome.ok && outcome.value.applied).toBe(false);
    expect(outcome.ok && outcome.value.rollover?.expired).toBe(true);
    expect(challenge.status).toBe('expired');
  });
});

describe('reset, cancel, refund', () => {
  it('resets a failed challenge at price × (1 − 10%) to phase 1 on a fresh account', () => {
    const challenge = activeChallenge();
    challenge.evaluateEquity({ balance: d('100000'), equity: d('89000'), at: inDay(0, 3) });
    challenge.fail(null, inDay(0, 4));
    expect(challenge.resetPrice().toFixed()).toBe('404.10');
    const wrong = challenge.reset({ account: 'login-9', paid: Money.of('449'), at: inDay(1) });
    expect(wrong.ok ? null : wrong.error.code).toBe('CHALLENGE.RESET_PRICE_MISMATCH');
    expect(challenge.reset({ account: 'login-9', paid: Money.of('404.10'), at: inDay(1) }).ok).toBe(true);
    expect(challenge.status).toBe('active');
    expect(challenge.attempt).toBe(2);
    expect(challenge.breach).toBeNull();
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

describe('persistence shape', () => {
  it('restores from plain data and carries on identically', () => {
    const original = activeChallenge();
    tradeDays(original, [0, 1], '101000');
    original.evaluateEquity({ balance: d('101000'), equity: d('96500'), at: inDay(1, 5) });
    const stored = JSON.parse(JSON.stringify(original.toState()), (key, value) =>
      ['createdAt', 'activatedAt', 'endedAt', 'updatedAt', 'phaseStartedAt', 'lastTradeAt', 'startedAt', 'at'].includes(key) &&
      typeof value === 'string'
        ? new Date(value)
        : value,
    );
    const restored = Challenge.restore(stored);
    expect(restored.toState()).toEqual(original.toState());
    const next = (c: Challenge) => c.evaluateEquity({ balance: d('101000'), equity: d('95500'), at: inDay(1, 6) });
    const a = next(original);
    const b = next(restored);
    expect(a.ok && b.ok && a.value.inputHash === b.value.inputHash).toBe(true);
    expect(restored.toState()).toEqual(original.toState());
  });
});
