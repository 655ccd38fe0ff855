import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/local-date.js';
import { unwrap } from '../shared/result.js';
import { TradingAccount } from '../trading-account/trading-account.js';
import { Challenge } from './challenge.js';
import { d, snapshotOf } from './testing/challenge-fixtures.js';

/**
 * A breach override as docs/rules.md §4 tells it, across the phase's trading
 * account (which owns the floors, the breach and the override) and the
 * challenge (which fails on the handled breach and is reinstated when the
 * account's breach is cleared). 100k Stellar 2-Step, New York 17:00: daily
 * 5,000, max 10,000 (floor 90,000).
 */
const rules = snapshotOf();
const calendar = rules.calendar;
const FIRST_DAY = '2026-01-06';
const LOGIN = 'login-1';
const inDay = (n: number, hours = 1) => new Date(calendar.startOf(addDays(FIRST_DAY, n)).getTime() + hours * 3_600_000);
const observe = (account: TradingAccount, balance: string, equity: string, at: Date) =>
  account.evaluateEquity({ balance: d(balance), equity: d(equity), at, tick: null });

interface Pair {
  readonly challenge: Challenge;
  readonly account: TradingAccount;
}

/** The breach handled on both: the account ends on it, then the challenge fails on it (`TradingAccountBreached`). */
function handle(pair: Pair, at: Date): void {
  unwrap(pair.account.markBreached(null, at));
  unwrap(pair.challenge.failOnBreach(pair.account.breach!, at, LOGIN));
}

/** The admin clears the account's breach; the challenge reacts to `TradingAccountBreachOverridden`. */
function override(pair: Pair, balance: string, at: Date) {
  const reason = 'bad print from the feed';
  const cleared = pair.account.overrideBreach({ adminId: 'admin-1', reason, at, balance: d(balance), equity: d(balance) });
  if (cleared.ok) {
    unwrap(pair.challenge.reinstateAfterOverride({ adminId: 'admin-1', reason, at, original: cleared.value.original, account: LOGIN }));
  }
  return cleared;
}

/** Active since FIRST_DAY on its account, breached at `equity` (balance 100,000) and failed; events pulled. */
function failedAt(equity: string): Pair {
  const challenge = Challenge.create({ id: 'ch-1', traderId: 'tr-1', rules, at: inDay(0, 0.5) });
  unwrap(challenge.activate(LOGIN, inDay(0, 1)));
  const owner = { kind: 'challenge_phase' as const, id: 'ch-1', phase: 1, attempt: 1 };
  const account = unwrap(TradingAccount.open({ login: LOGIN, traderId: 'tr-1', owner, rules, at: inDay(0, 1) }));
  expect(unwrap(observe(account, '100000', equity, inDay(0, 2))).verdict).toBe('breach');
  const pair = { challenge, account };
  handle(pair, inDay(0, 2.01));
  expect(challenge.status).toBe('failed');
  challenge.pullEvents();
  account.pullEvents();
  return pair;
}

describe('Challenge breach override', () => {
  it('restarts from the figures now as a fresh day start, so a forced close below the old daily floor does not breach again', () => {
    // A bad print at 94,000 breached the daily floor (95,000); the forced close left the account flat at 94,500.
    const pair = failedAt('94000');
    const { challenge, account } = pair;
    unwrap(override(pair, '94500', inDay(0, 4)));

    expect(challenge.status).toBe('active');
    expect(challenge.isTrading).toBe(true);
    expect(challenge.breach).toBeNull();
    expect(account.isTrading).toBe(true);
    expect(account.drawdown).toMatchObject({ tradingDay: FIRST_DAY, warningsSent: [], breach: null });
    expect(account.drawdown.dayStartBalance.toFixed()).toBe('94500');
    expect(account.drawdown.highestEquity.toFixed()).toBe('100000');
    const [overridden] = account.pullEvents();
    expect(overridden).toMatchObject({
      type: 'TradingAccountBreachOverridden',
      payload: {
        login: LOGIN,
        tradingDay: FIRST_DAY,
        dayStartBalance: '94500',
        dayStartEquity: '94500',
        dailyLossFloor: '89500',
        maxLossFloor: '90000',
        nextResetAt: calendar.endOf(FIRST_DAY).toISOString(),
        original: { rule: 'daily_loss', floor: '95000', equity: '94000' },
      },
    });
    expect(challenge.pullEvents().map((event) => [event.type, event.payload])).toEqual([
      [
        'ChallengeReinstated',
        expect.objectContaining({
          from: 'failed',
          to: 'active',
          account: LOGIN,
          original: expect.objectContaining({ rule: 'daily_loss', floor: '95000', equity: '94000' }),
        }),
      ],
    ]);
    expect(challenge.overrides).toEqual([expect.objectContaining({ previousStatus: 'failed', original: expect.objectContaining({ equity: '94000' }) })]);

    // The next tick at the same figures is clean; the max-loss floor still holds at 90,000.
    expect(unwrap(observe(account, '94500', '94500', inDay(0, 5))).verdict).toBe('ok');
    expect(unwrap(observe(account, '94500', '90000', inDay(0, 6))).breach).toMatchObject({ rule: 'max_loss' });
    handle(pair, inDay(0, 6.01));
    expect(challenge.status).toBe('failed');
    expect(challenge.breach?.rule).toBe('max_loss');
    expect(challenge.overrides).toHaveLength(1);
  });

  it('starts the trading day the override falls in when the breach was on an earlier one', () => {
    const pair = failedAt('94000');
    unwrap(override(pair, '94500', inDay(1, 2)));
    expect(pair.account.drawdown).toMatchObject({ tradingDay: addDays(FIRST_DAY, 1) });
    expect(pair.account.drawdown.dayStartBalance.toFixed()).toBe('94500');
    expect(pair.challenge.isTrading).toBe(true);
  });

  it('refuses figures beyond the max-loss floor with a stable code, and the challenge stays failed', () => {
    const pair = failedAt('89000');
    const before = { challenge: pair.challenge.toState(), account: pair.account.toState() };
    const refused = override(pair, '89500', inDay(0, 4));
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'TRADING_ACCOUNT.OVERRIDE_BEYOND_LIMIT',
      details: { login: LOGIN, ownerId: 'ch-1', rule: 'max_loss', floor: '90000', equity: '89500' },
    });
    expect(pair.account.toState()).toEqual(before.account);
    expect(pair.challenge.toState()).toEqual(before.challenge);
    expect(pair.account.pullEvents()).toEqual([]);
    expect(pair.challenge.pullEvents()).toEqual([]);
  });
});
