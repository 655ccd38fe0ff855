import { describe, expect, it } from 'vitest';
import { TradingCalendar } from '../calendar/trading-calendar.js';
import { ProhibitedCountries } from '../kyc/prohibited-countries.js';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { unwrap } from '../shared/result.js';
import { Competition, type CreateCompetition } from './competition.js';
import { publicLeaderboard } from './trader-leaderboard.js';

const calendar = new TradingCalendar();
const prohibited = ProhibitedCountries.default();
const at = (iso: string) => new Date(iso);

// New York 17:00 resets: trading day D runs from D−1 17:00 to D 17:00 local (EST = UTC−5 in February/March).
const REG_OPENS = at('2026-02-14T22:00:00Z'); // start of 2026-02-15
const REG_CLOSES = at('2026-02-28T22:00:00Z'); // end of 2026-02-28
const STARTS = at('2026-02-28T22:00:00Z'); // start of 2026-03-01
const ENDS = at('2026-03-31T21:00:00Z'); // end of 2026-03-31 (EDT)
const DURING = at('2026-03-10T15:00:00Z');

function create(overrides: Partial<CreateCompetition> = {}): Competition {
  const competition = unwrap(
    Competition.create({
      id: 'cmp-1',
      name: 'March Cup',
      schedule: { registrationOpens: '2026-02-15', registrationCloses: '2026-02-28', starts: '2026-03-01', ends: '2026-03-31' },
      maxParticipants: 3,
      prizePool: Money.of(10_000),
      prizes: [
        { rank: 1, prize: { kind: 'cash', amount: Money.of(5000) } },
        { rank: 2, prize: { kind: 'cash', amount: Money.of(2500) } },
        { rank: 3, prize: { kind: 'funded_account', modelId: 'stellar_2step', accountSize: Money.of(50_000) } },
      ],
      actor: 'admin',
      at: at('2026-02-01T00:00:00Z'),
      ...overrides,
    }),
  );
  competition.pullEvents();
  return competition;
}

const register = (c: Competition, userId: string, when = at('2026-02-20T15:00:00Z'), country = 'DE') =>
  c.register({ entryId: `e-${userId}`, userId, country, at: when }, calendar, prohibited);

describe('Competition status by dates (firm calendar)', () => {
  it('moves upcoming → registration → active → ended at reset instants', () => {
    const c = create();
    expect(c.statusAt(new Date(REG_OPENS.getTime() - 1), calendar)).toBe('upcoming');
    expect(c.statusAt(REG_OPENS, calendar)).toBe('registration');
    expect(c.statusAt(new Date(STARTS.getTime() - 1), calendar)).toBe('registration');
    expect(c.statusAt(STARTS, calendar)).toBe('active');
    expect(c.statusAt(new Date(ENDS.getTime() - 1), calendar)).toBe('active');
    expect(c.statusAt(ENDS, calendar)).toBe('ended');
  });

  it('refuses an impossible schedule', () => {
    const result = Competition.create({
      id: 'x',
      name: 'x',
      schedule: { registrationOpens: '2026-03-02', registrationCloses: '2026-03-01', starts: '2026-03-05', ends: '2026-03-31' },
      prizes: [],
      actor: 'a',
      at: DURING,
    });
    expect(!result.ok && result.error.code).toBe('COMPETITION.INVALID_SCHEDULE');
  });

  it('uses the seeded defaults: 100k, 50 trades a day, 5.00 / 3.00 lots', () => {
    const state = create().toState();
    expect(state).toMatchObject({ initialBalance: '100000', maxDailyTrades: 50, maxLotsForex: '5', maxLotsIndices: '3' });
  });
});

describe('Competition registration', () => {
  it('accepts only while the window is open', () => {
    const c = create();
    const early = register(c, 'u1', new Date(REG_OPENS.getTime() - 1));
    expect(!early.ok && early.error.code).toBe('COMPETITION.REGISTRATION_CLOSED');
    expect(register(c, 'u1', REG_OPENS).ok).toBe(true);
    const late = register(c, 'u2', REG_CLOSES);
    expect(!late.ok && late.error.code).toBe('COMPETITION.REGISTRATION_CLOSED');
  });

  it('accepts each user once and stops at capacity', () => {
    const c = create();
    expect(register(c, 'u1').ok).toBe(true);
    const twice = register(c, 'u1');
    expect(!twice.ok && twice.error.code).toBe('COMPETITION.ALREADY_REGISTERED');
    expect(register(c, 'u2').ok).toBe(true);
    expect(register(c, 'u3').ok).toBe(true);
    const full = register(c, 'u4');
    expect(!full.ok && full.error.code).toBe('COMPETITION.FULL');
    expect(c.participantCount).toBe(3);
  });

  it('refuses prohibited countries', () => {
    const result = register(create(), 'u1', undefined, 'IR');
    expect(!result.ok && result.error.code).toBe('KYC.PROHIBITED_COUNTRY');
    expect(!result.ok && result.error.details['activity']).toBe('competition_registration');
  });

  it('requires the paid entry fee when there is one', () => {
    const c = create({ entryFee: Money.of(25) });
    const unpaid = register(c, 'u1');
    expect(!unpaid.ok && unpaid.error.code).toBe('COMPETITION.ENTRY_FEE_REQUIRED');
    const paid = c.register(
      { entryId: 'e1', userId: 'u1', country: 'DE', paymentReference: 'order-9', at: REG_OPENS },
      calendar,
      prohibited,
    );
    expect(paid.ok && paid.value.paymentReference).toBe('order-9');
  });
});

describe('Competition ranking (ROI with tie-breaks)', () => {
  it('ranks by ROI, then earlier time the ROI was reached, then earlier registration', () => {
    const c = create({ maxParticipants: null });
    for (const [user, day] of [['a', '16'], ['b', '17'], ['c', '18'], ['d', '19']] as const) {
      unwrap(register(c, user, at(`2026-02-${day}T15:00:00Z`)));
    }
    unwrap(c.recordEquity({ entryId: 'e-a', equity: Money.of('105000'), at: at('2026-03-05T15:00:00Z') }, calendar));
    unwrap(c.recordEquity({ entryId: 'e-b', equity: Money.of('105000'), at: at('2026-03-04T15:00:00Z') }, calendar));
    unwrap(c.recordEquity({ entryId: 'e-c', equity: Money.of('110000'), at: at('2026-03-06T15:00:00Z') }, calendar));
    // d stays at 100,000 (ROI 0 since registration).
    expect(c.standings().map((s) => [s.rank, s.userId, s.roi])).toEqual([
      [1, 'c', '0.100000'],
      [2, 'b', '0.050000'],
      [3, 'a', '0.050000'],
      [4, 'd', '0.000000'],
    ]);
  });

  it('breaks a full tie by registration time', () => {
    const c = create();
    unwrap(register(c, 'late', at('2026-02-20T15:00:00Z')));
    unwrap(register(c, 'early', at('2026-02-19T15:00:00Z')));
    const when = at('2026-03-05T15:00:00Z');
    unwrap(c.recordEquity({ entryId: 'e-late', equity: Money.of('101000'), at: when }, calendar));
    unwrap(c.recordEquity({ entryId: 'e-early', equity: Money.of('101000'), at: when }, calendar));
    expect(c.standings().map((s) => s.userId)).toEqual(['early', 'late']);
  });

  it('takes equity only while running, and ignores a stale reading', () => {
    const c = create();
    unwrap(register(c, 'u1'));
    const before = c.recordEquity({ entryId: 'e-u1', equity: Money.of('101000'), at: new Date(STARTS.getTime() - 1) }, calendar);
    expect(!before.ok && before.error.code).toBe('COMPETITION.NOT_ACTIVE');
    unwrap(c.recordEquity({ entryId: 'e-u1', equity: Money.of('102000'), at: DURING }, calendar));
    unwrap(c.recordEquity({ entryId: 'e-u1', equity: Money.of('90000'), at: at('2026-03-09T15:00:00Z') }, calendar));
    expect(c.standings()[0]?.equity).toBe('102000');
  });
});

describe('Competition rules and disqualification', () => {
  it('disqualifies on the 51st trade of a trading day, keeping the entry with its reason', () => {
    const c = create();
    unwrap(register(c, 'u1'));
    for (let i = 0; i < 50; i++) {
      expect(unwrap(c.recordTrade({ entryId: 'e-u1', lots: '1', assetClass: 'forex', at: DURING }, calendar)).disqualified).toBe(false);
    }
    // The 51st trade on the same trading day breaks the rule.
    const outcome = unwrap(c.recordTrade({ entryId: 'e-u1', lots: '1', assetClass: 'forex', at: DURING }, calendar));
    expect(outcome.disqualified).toBe(true);
    expect(outcome.reason).toMatch(/^MAX_DAILY_TRADES_EXCEEDED/);
    expect(c.entries()[0]).toMatchObject({ status: 'disqualified', disqualification: { actor: 'system' } });
    expect(c.standings()).toEqual([]);
    expect(c.pullEvents().map((e) => e.type)).toContain('CompetitionEntryDisqualified');
  });

  it('counts trades per firm trading day', () => {
    const c = create();
    unwrap(register(c, 'u1'));
    for (let i = 0; i < 50; i++) unwrap(c.recordTrade({ entryId: 'e-u1', lots: '1', assetClass: 'forex', at: DURING }, calendar));
    // 17:00 New York (21:00Z in EDT) starts the next trading day.
    const nextDay = at('2026-03-10T21:00:00Z');
    expect(unwrap(c.recordTrade({ entryId: 'e-u1', lots: '1', assetClass: 'forex', at: nextDay }, calendar)).disqualified).toBe(false);
  });

  it('limits lots: 5.00 forex and 3.00 indices are fine, more is not', () => {
    const c = create();
    unwrap(register(c, 'u1'));
    unwrap(register(c, 'u2'));
    expect(unwrap(c.recordTrade({ entryId: 'e-u1', lots: '5.00', assetClass: 'forex', at: DURING }, calendar)).disqualified).toBe(false);
    expect(unwrap(c.recordTrade({ entryId: 'e-u1', lots: '3.00', assetClass: 'indices', at: DURING }, calendar)).disqualified).toBe(false);
    expect(unwrap(c.recordTrade({ entryId: 'e-u2', lots: '3.01', assetClass: 'indices', at: DURING }, calendar)).disqualified).toBe(true);
    expect(unwrap(c.recordTrade({ entryId: 'e-u1', lots: '5.01', assetClass: 'forex', at: DURING }, calendar)).disqualified).toBe(true);
  });

  it('disqualifies by decision of an admin, once', () => {
    const c = create();
    unwrap(register(c, 'u1'));
    unwrap(c.disqualify({ entryId: 'e-u1', reason: 'account sharing', actor: 'admin-2', at: DURING }));
    const again = c.disqualify({ entryId: 'e-u1', reason: 'x', actor: 'admin-2', at: DURING });
    expect(!again.ok && again.error.code).toBe('COMPETITION.ENTRY_DISQUALIFIED');
    expect(c.entries()[0]?.disqualification).toEqual({ reason: 'account sharing', actor: 'admin-2', at: DURING });
  });
});

describe('Competition prizes', () => {
  it('awards once, after the end, to the final ranks of the entries still in', () => {
    const c = create();
    for (const user of ['a', 'b', 'c']) unwrap(register(c, user));
    unwrap(c.recordEquity({ entryId: 'e-a', equity: Money.of('120000'), at: DURING }, calendar));
    unwrap(c.recordEquity({ entryId: 'e-b', equity: Money.of('110000'), at: DURING }, calendar));
    unwrap(c.disqualify({ entryId: 'e-a', reason: 'hedging across accounts', actor: 'admin', at: DURING }));

    const early = c.awardPrizes({ actor: 'admin', at: new Date(ENDS.getTime() - 1) }, calendar);
    expect(!early.ok && early.error.code).toBe('COMPETITION.NOT_ENDED');

    const awards = unwrap(c.awardPrizes({ actor: 'admin', at: ENDS }, calendar));
    expect(awards).toEqual([
      { rank: 1, entryId: 'e-b', userId: 'b', prize: { kind: 'cash', amount: '5000' } },
      { rank: 2, entryId: 'e-c', userId: 'c', prize: { kind: 'cash', amount: '2500' } },
    ]);
    const twice = c.awardPrizes({ actor: 'admin', at: ENDS }, calendar);
    expect(!twice.ok && twice.error.code).toBe('COMPETITION.PRIZES_ALREADY_AWARDED');
    expect(Competition.restore(c.toState()).prizesAwarded).toBe(true);
  });

  it('refuses cash prizes beyond the pool', () => {
    const result = Competition.create({
      id: 'x',
      name: 'x',
      schedule: { registrationOpens: '2026-02-15', registrationCloses: '2026-02-28', starts: '2026-03-01', ends: '2026-03-31' },
      prizePool: Money.of(1000),
      prizes: [{ rank: 1, prize: { kind: 'cash', amount: Money.of('1000.01') } }],
      actor: 'a',
      at: DURING,
    });
    expect(!result.ok && result.error.code).toBe('COMPETITION.INVALID_PRIZES');
  });
});

describe('Public leaderboard (section 13)', () => {
  it('shows opted-in display names by profit %, never ids or e-mails', () => {
    const lines = publicLeaderboard(
      [
        { traderId: 't1', displayName: 'Ada', optedIn: true, profitPercent: new Decimal('7.5') },
        { traderId: 't2', displayName: 'hidden', optedIn: false, profitPercent: new Decimal('20') },
        { traderId: 't3', displayName: 'Bo', optedIn: true, profitPercent: new Decimal('12.345') },
        { traderId: 't4', displayName: null, optedIn: true, profitPercent: new Decimal('30') },
      ],
      10,
    );
    expect(lines).toEqual([
      { rank: 1, displayName: 'Bo', profitPercent: '12.35' },
      { rank: 2, displayName: 'Ada', profitPercent: '7.50' },
    ]);
  });
});
