import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/local-date.js';
import { unwrap } from '../shared/result.js';
import { Challenge } from './challenge.js';
import { d, snapshotOf } from './testing/challenge-fixtures.js';

const rules = snapshotOf(); // 100k Stellar 2-Step, New York 17:00: daily 5,000, max 10,000 (floor 90,000)
const calendar = rules.calendar;
const FIRST_DAY = '2026-01-06';
const inDay = (n: number, hours = 1) => new Date(calendar.startOf(addDays(FIRST_DAY, n)).getTime() + hours * 3_600_000);
const observe = (challenge: Challenge, balance: string, equity: string, at: Date) =>
  challenge.evaluateEquity({ balance: d(balance), equity: d(equity), at, tick: null });
const override = (challenge: Challenge, balance: string, equity: string, at: Date) =>
  challenge.overrideBreach({ adminId: 'admin-1', reason: 'bad print from the feed', at, balance: d(balance), equity: d(equity) });

/** Active since FIRST_DAY, breached at `equity` (balance 100,000) and failed. */
function failedAt(equity: string): Challenge {
  const challenge = Challenge.create({ id: 'ch-1', traderId: 'tr-1', rules, at: inDay(0, 0.5) });
  unwrap(challenge.activate('login-1', inDay(0, 1)));
  expect(unwrap(observe(challenge, '100000', equity, inDay(0, 2))).verdict).toBe('breach');
  unwrap(challenge.fail(null, inDay(0, 2.01)));
  challenge.pullEvents();
  return challenge;
}

describe('Challenge breach override', () => {
  it('restarts from the figures now as a fresh day start, so a forced close below the old daily floor does not breach again', () => {
    // A bad print at 94,000 breached the daily floor (95,000); the forced close left the account flat at 94,500.
    const challenge = failedAt('94000');
    unwrap(override(challenge, '94500', '94500', inDay(0, 4)));

    expect(challenge.status).toBe('active');
    expect(challenge.isTrading).toBe(true);
    const state = challenge.toState().drawdown!;
    expect(state).toMatchObject({
      tradingDay: FIRST_DAY,
      dayStartBalance: '94500',
      dayStartEquity: '94500',
      lastBalance: '94500',
      lastEquity: '94500',
      highestEquity: '100000',
      warningsSent: [],
      breach: null,
    });
    expect(challenge.pullEvents().map((event) => [event.type, event.payload])).toEqual([
      [
        'ChallengeBreachOverridden',
        expect.objectContaining({
          from: 'failed',
          to: 'active',
          account: 'login-1',
          tradingDay: FIRST_DAY,
          dayStartBalance: '94500',
          dayStartEquity: '94500',
          dailyLossFloor: '89500',
          maxLossFloor: '90000',
          nextResetAt: calendar.endOf(FIRST_DAY).toISOString(),
          original: expect.objectContaining({ rule: 'daily_loss', floor: '95000', equity: '94000' }),
        }),
      ],
    ]);
    // The next tick at the same figures is clean; the max-loss floor still holds at 90,000.
    expect(unwrap(observe(challenge, '94500', '94500', inDay(0, 5))).verdict).toBe('ok');
    expect(unwrap(observe(challenge, '94500', '90000', inDay(0, 6))).breach).toMatchObject({ rule: 'max_loss' });
  });

  it('starts the trading day the override falls in when the breach was on an earlier one', () => {
    const challenge = failedAt('94000');
    unwrap(override(challenge, '94500', '94500', inDay(1, 2)));
    expect(challenge.toState().drawdown).toMatchObject({ tradingDay: addDays(FIRST_DAY, 1), dayStartBalance: '94500' });
  });

  it('refuses figures beyond the max-loss floor with a stable code and changes nothing', () => {
    const challenge = failedAt('89000');
    const before = challenge.toState();
    const refused = override(challenge, '89500', '89500', inDay(0, 4));
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'CHALLENGE.OVERRIDE_BEYOND_LIMIT',
      details: { challengeId: 'ch-1', rule: 'max_loss', floor: '90000', equity: '89500' },
    });
    expect(challenge.toState()).toEqual(before);
    expect(challenge.pullEvents()).toEqual([]);
  });
});
