import { describe, expect, it } from 'vitest';
import { breachToData } from '../drawdown/breach-record.js';
import { Decimal } from '../money/decimal.js';
import { unwrap } from '../shared/result.js';
import { FundedAccount } from './funded-account.js';
import { openAccount } from './testing/funded-fixtures.js';

const d = (value: string | number) => new Decimal(value);
const at = (iso: string) => new Date(iso);
const observe = (account: FundedAccount, balance: string, equity: string, when: Date) =>
  account.evaluateEquity({ balance: d(balance), equity: d(equity), at: when, tick: { symbol: 'US30', bid: d('38500'), ask: d('38502'), time: when } });
const override = (account: FundedAccount, balance: string, equity: string, when: Date, reason = 'bad US30 quote from the feed') =>
  account.overrideBreach({ adminId: 'admin-1', reason, at: when, balance: d(balance), equity: d(equity) });

/** Opened Monday 2026-01-05 10:00 New York (100k, floors 95,000 and 90,000), breached on a tick at 94,999.99 and ended. */
function breachedAccount(): FundedAccount {
  const account = openAccount();
  unwrap(observe(account, '100000', '94999.99', at('2026-01-05T16:00:00Z')));
  unwrap(account.markBreached(null, at('2026-01-05T16:00:02Z')));
  account.pullEvents();
  return account;
}

describe('FundedAccount breach override', () => {
  it('reinstates a breached account from a fresh day start at its current figures and keeps the original verdict', () => {
    const account = breachedAccount();
    const original = breachToData(account.breachRecord!);
    expect(original).toMatchObject({ rule: 'daily_loss', floor: '95000', equity: '94999.99', balance: '100000' });

    // The positions were closed at the breach: the trading account holds 99,980 flat.
    const when = at('2026-01-05T18:00:00Z');
    unwrap(override(account, '99980', '99980', when, '  bad US30 quote from the feed  '));

    expect(account.status).toBe('active');
    expect(account.isTrading).toBe(true);
    expect(account.breachRecord).toBeNull();
    expect(account.toState().breach).toBeNull();
    expect(account.drawdown).toMatchObject({ tradingDay: '2026-01-05', warningsSent: [], breach: null });
    expect(account.drawdown.dayStartBalance.toFixed()).toBe('99980');
    expect(account.drawdown.dayStartEquity.toFixed()).toBe('99980');
    expect(account.floors.dailyLoss.floor.toFixed(2)).toBe('94980.00');
    expect(account.floors.maxLoss.floor.toFixed(2)).toBe('90000.00');
    expect(account.breachOverrides).toEqual([
      {
        adminId: 'admin-1',
        reason: 'bad US30 quote from the feed',
        at: when,
        breachedAt: at('2026-01-05T16:00:02Z'),
        original,
        balance: '99980',
        equity: '99980',
      },
    ]);
    expect(account.pullEvents().map((event) => [event.type, event.payload])).toEqual([
      [
        'FundedAccountBreachOverridden',
        {
          account: 'mt-1001',
          adminId: 'admin-1',
          reason: 'bad US30 quote from the feed',
          original,
          breachedAt: '2026-01-05T16:00:02.000Z',
          tradingDay: '2026-01-05',
          dayStartBalance: '99980',
          dayStartEquity: '99980',
          dailyLossFloor: '94980',
          maxLossFloor: '90000',
          nextResetAt: '2026-01-05T22:00:00.000Z',
        },
      ],
    ]);
    const state = account.toState();
    expect(FundedAccount.restore(state).toState()).toEqual(state);
  });

  it('trades on under the engine: older figures are refused, a new breach is a new verdict, and every original stays', () => {
    const account = breachedAccount();
    const first = breachToData(account.breachRecord!);
    unwrap(override(account, '99980', '99980', at('2026-01-05T18:00:00Z')));
    account.pullEvents();

    // Figures from before the override (they may predate the closing of the positions) no longer fit.
    const stale = observe(account, '100000', '94000', at('2026-01-05T17:59:59Z'));
    expect(!stale.ok && stale.error.code).toBe('FUNDED.STALE_OBSERVATION');
    expect(unwrap(observe(account, '99980', '94980.01', at('2026-01-05T18:30:00Z'))).breach).toBeUndefined();
    const second = unwrap(observe(account, '99980', '94980.00', at('2026-01-05T18:31:00Z'))).breach!;
    expect(breachToData(second)).toMatchObject({ rule: 'daily_loss', floor: '94980', equity: '94980' });
    expect(second.inputHash).not.toBe(first.inputHash);
    unwrap(account.markBreached(null, at('2026-01-05T18:31:02Z')));
    expect(account.status).toBe('breached');

    // Cleared again the next day: both originals are kept, oldest first.
    unwrap(override(account, '94975', '94975', at('2026-01-06T15:00:00Z'), 'platform outage'));
    expect(account.breachOverrides.map((o) => [o.reason, o.original])).toEqual([
      ['bad US30 quote from the feed', first],
      ['platform outage', breachToData(second)],
    ]);
    expect(account.drawdown.tradingDay).toBe('2026-01-06');
    expect(account.floors.dailyLoss.floor.toFixed(2)).toBe('89975.00');
    expect(account.floors.maxLoss.floor.toFixed(2)).toBe('90000.00');
  });

  it('refuses an account that is not breached, a blank reason and figures that would breach again, changing nothing', () => {
    const active = openAccount();
    const notBreached = override(active, '100000', '100000', at('2026-01-05T18:00:00Z'));
    expect(!notBreached.ok && notBreached.error.code).toBe('FUNDED.NOT_BREACHED');

    // Detected but not yet handled (trading not disabled yet): not an ended account either.
    unwrap(observe(active, '100000', '95000', at('2026-01-05T18:01:00Z')));
    active.pullEvents();
    const pending = override(active, '100000', '100000', at('2026-01-05T18:02:00Z'));
    expect(!pending.ok && pending.error.code).toBe('FUNDED.NOT_BREACHED');
    expect(active.pendingEvents).toEqual([]);

    const account = breachedAccount();
    const before = account.toState();
    const blank = override(account, '99980', '99980', at('2026-01-05T18:00:00Z'), '   ');
    expect(!blank.ok && blank.error.code).toBe('FUNDED.REASON_REQUIRED');
    // 90,000.00 flat sits on the max-loss floor: cleared, it would breach at once.
    const beyond = override(account, '90000', '90000', at('2026-01-05T18:00:00Z'));
    expect(!beyond.ok && beyond.error).toMatchObject({
      code: 'FUNDED.OVERRIDE_BEYOND_LIMIT',
      details: { rule: 'max_loss', floor: '90000', equity: '90000' },
    });
    expect(account.toState()).toEqual(before);
    expect(account.pendingEvents).toEqual([]);
    unwrap(override(account, '90000.01', '90000.01', at('2026-01-05T18:00:00Z')));
    expect(account.status).toBe('active');
  });
});
