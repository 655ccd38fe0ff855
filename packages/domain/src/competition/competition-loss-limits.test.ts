import { describe, expect, it } from 'vitest';
import { TradingCalendar } from '../calendar/trading-calendar.js';
import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { ProhibitedCountries } from '../kyc/prohibited-countries.js';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { unwrap } from '../shared/result.js';
import { openDrawdownState } from '../drawdown/drawdown-state.js';
import { evaluate } from '../drawdown/evaluate.js';
import { replayStoredVerdict } from '../drawdown/stored-verdict-replay.js';
import { breachToData } from '../drawdown/breach-record.js';
import { verdictInputs, verdictToData } from '../drawdown/verdict-replay.js';
import { drawdownMetrics } from '../metrics/loss-limit-metrics.js';
import { Competition, type CreateCompetition } from './competition.js';
import { competitionRuleSnapshotData } from './competition-rule-snapshot.js';

const calendar = new TradingCalendar();
const prohibited = ProhibitedCountries.default();
const at = (iso: string) => new Date(iso);
const DURING = at('2026-03-10T15:00:00Z');
const AFTER = at('2026-04-01T15:00:00Z');

function create(overrides: Partial<CreateCompetition> = {}): Competition {
  const competition = unwrap(
    Competition.create({
      id: 'cmp-1',
      name: 'March Cup',
      schedule: { registrationOpens: '2026-02-15', registrationCloses: '2026-02-28', starts: '2026-03-01', ends: '2026-03-31' },
      prizes: [],
      actor: 'admin',
      at: at('2026-02-01T00:00:00Z'),
      ...overrides,
    }),
  );
  competition.pullEvents();
  return competition;
}

const LIMITS = { dailyLossPercent: '5', maxLossPercent: '10' };

describe('Competition loss limits', () => {
  it('has none by default (rule book section 7)', () => {
    expect(create().lossLimits).toBeNull();
    expect(create().toState().lossLimits).toBeNull();
  });

  it('takes daily and max loss percentages, each above 0 and below 100', () => {
    expect(create({ lossLimits: { dailyLossPercent: '4.5', maxLossPercent: 8 } }).lossLimits).toEqual({
      dailyLossPercent: '4.5',
      maxLossPercent: '8',
    });
    for (const lossLimits of [
      { dailyLossPercent: '0', maxLossPercent: '10' },
      { dailyLossPercent: '5', maxLossPercent: '100' },
      { dailyLossPercent: '-1', maxLossPercent: '10' },
      { dailyLossPercent: 'five', maxLossPercent: '10' },
    ]) {
      const result = Competition.create({
        id: 'x',
        name: 'x',
        schedule: { registrationOpens: '2026-02-15', registrationCloses: '2026-02-28', starts: '2026-03-01', ends: '2026-03-31' },
        lossLimits,
        prizes: [],
        actor: 'a',
        at: DURING,
      });
      expect(!result.ok && result.error.code).toBe('COMPETITION.INVALID_SETTINGS');
    }
  });
});

describe('Competition entry breach and override', () => {
  function withEntries(): Competition {
    const c = create();
    for (const user of ['u1', 'u2']) {
      unwrap(c.register({ entryId: `e-${user}`, userId: user, country: 'DE', at: at('2026-02-20T15:00:00Z') }, calendar, prohibited));
    }
    c.pullEvents();
    return c;
  }

  it('disqualifies a breached entry by the system, with reason breach:<rule>, kept and unranked', () => {
    const c = withEntries();
    unwrap(c.disqualifyForBreach({ entryId: 'e-u1', rule: 'daily_loss', at: DURING }));
    expect(c.entries()[0]).toMatchObject({
      status: 'disqualified',
      disqualification: { reason: 'breach:daily_loss', actor: 'system', at: DURING },
    });
    expect(c.standings().map((s) => s.entryId)).toEqual(['e-u2']);
    expect(c.pullEvents().map((e) => e.type)).toEqual(['CompetitionEntryDisqualified']);
  });

  it('reinstates an entry disqualified by a breach while the competition runs', () => {
    const c = withEntries();
    unwrap(c.disqualifyForBreach({ entryId: 'e-u1', rule: 'max_loss', at: DURING }));
    c.pullEvents();
    unwrap(c.reinstateAfterBreachOverride({ entryId: 'e-u1', actor: 'admin-1', reason: 'bad price feed', at: DURING }, calendar));
    expect(c.entries()[0]).toMatchObject({ status: 'active', disqualification: null });
    expect(c.standings()).toHaveLength(2);
    expect(c.pullEvents()).toEqual([
      expect.objectContaining({
        type: 'CompetitionEntryReinstated',
        payload: { entryId: 'e-u1', userId: 'u1', previousReason: 'breach:max_loss', actor: 'admin-1', reason: 'bad price feed' },
      }),
    ]);
  });

  it('refuses to reinstate an entry still in, or one disqualified for another reason', () => {
    const c = withEntries();
    const active = c.reinstateAfterBreachOverride({ entryId: 'e-u1', actor: 'a', reason: 'r', at: DURING }, calendar);
    expect(!active.ok && active.error.code).toBe('COMPETITION.NOT_DISQUALIFIED_BY_BREACH');
    unwrap(c.disqualify({ entryId: 'e-u2', reason: 'account sharing', actor: 'admin', at: DURING }));
    const other = c.reinstateAfterBreachOverride({ entryId: 'e-u2', actor: 'a', reason: 'r', at: DURING }, calendar);
    expect(!other.ok && other.error.code).toBe('COMPETITION.NOT_DISQUALIFIED_BY_BREACH');
    expect(c.entries()[1]?.status).toBe('disqualified');
  });

  it('refuses to reinstate once the competition has ended: the final ranks stand', () => {
    const c = withEntries();
    unwrap(c.disqualifyForBreach({ entryId: 'e-u1', rule: 'daily_loss', at: DURING }));
    const late = c.reinstateAfterBreachOverride({ entryId: 'e-u1', actor: 'a', reason: 'r', at: AFTER }, calendar);
    expect(!late.ok && late.error.code).toBe('COMPETITION.ENDED');
    expect(c.entries()[0]?.status).toBe('disqualified');
  });
});

describe("A competition entry's rule snapshot", () => {
  const settings = calendar.settings();

  it('carries the initial balance, the firm calendar, the trade rules and a synthetic model id', () => {
    const c = create({ initialBalance: Money.of(50_000), entryFee: Money.of(25), maxDailyTrades: 20, lossLimits: LIMITS });
    const snapshot = c.ruleSnapshot(settings);
    expect(snapshot.modelId).toBe('competition:cmp-1');
    expect(snapshot.modelName).toBe('March Cup');
    expect(snapshot.initialBalance.toFixed()).toBe('50000.00');
    expect(snapshot.price.toFixed()).toBe('25.00');
    expect(snapshot.calendarSettings).toEqual(settings);
    expect(snapshot.isLossLimitOn('daily_loss') && snapshot.isLossLimitOn('max_loss')).toBe(true);
    expect(snapshot.dailyLossPercent.points.toFixed()).toBe('5');
    expect(snapshot.toJSON().parameters.restrictions).toMatchObject({
      maxTradesPerDay: 20,
      maxOpenLotsPerAssetClass: null,
      maxTradeLotsPerAssetClass: { forex: '5', indices: '3' },
    });
    expect(snapshot.toJSON()).not.toHaveProperty('lossLimitsOff');
  });

  it('has both limits off without loss limits, and round-trips through JSON with the same hash', () => {
    const snapshot = create().ruleSnapshot(settings);
    expect(snapshot.isLossLimitOn('daily_loss') || snapshot.isLossLimitOn('max_loss')).toBe(false);
    expect(snapshot.toJSON()).toMatchObject({ lossLimitsOff: ['daily_loss', 'max_loss'], price: '0.00' });
    const again = unwrap(RuleSnapshot.fromJSON(JSON.parse(JSON.stringify(snapshot.toJSON()))));
    expect(again.contentHash).toBe(snapshot.contentHash);
    expect(create().ruleSnapshot(settings).contentHash).toBe(snapshot.contentHash);
    expect(create({ lossLimits: LIMITS }).ruleSnapshot(settings).contentHash).not.toBe(snapshot.contentHash);
  });

  it('refuses an off limit with a percentage, and unknown limit names', () => {
    const data = competitionRuleSnapshotData(create().toState(), settings);
    const withPercent = RuleSnapshot.fromJSON({ ...data, parameters: { ...data.parameters, dailyLossPercent: '5' } });
    expect(!withPercent.ok && withPercent.error.code).toBe('CATALOG.INVALID_RULE_SNAPSHOT');
    const unknown = RuleSnapshot.fromJSON({ ...data, lossLimitsOff: ['weekly_loss'] });
    expect(!unknown.ok && unknown.error.code).toBe('CATALOG.INVALID_RULE_SNAPSHOT');
    // One spelling: listed limits come back in one order, each once.
    const reordered = unwrap(RuleSnapshot.fromJSON({ ...data, lossLimitsOff: ['max_loss', 'daily_loss', 'max_loss'] }));
    expect(reordered.toJSON().lossLimitsOff).toEqual(['daily_loss', 'max_loss']);
  });

  it('breaches at the daily floor under loss limits, and the verdict replays', () => {
    const snapshot = create({ lossLimits: LIMITS }).ruleSnapshot(settings);
    const state = openDrawdownState(snapshot, DURING);
    const input = { balance: new Decimal('100000'), equity: new Decimal('95000'), at: DURING };
    const fine = evaluate(state, snapshot, { ...input, equity: new Decimal('95000.01') });
    expect(fine.verdict).toBe('warning');
    const verdict = evaluate(state, snapshot, input);
    expect(verdict.breach).toMatchObject({ rule: 'daily_loss' });
    expect(verdict.floors.maxLoss.floor.toFixed()).toBe('90000');
    const replay = unwrap(
      replayStoredVerdict({
        breach: breachToData(verdict.breach!),
        inputs: verdictInputs(state, snapshot, input),
        inputHash: verdict.inputHash,
      }),
    );
    expect(replay.matches).toBe(true);
  });

  it('without loss limits never breaches nor warns, and shows no floor', () => {
    const snapshot = create().ruleSnapshot(settings);
    const state = openDrawdownState(snapshot, DURING);
    const verdict = evaluate(state, snapshot, { balance: new Decimal('1000'), equity: new Decimal('-5000'), at: DURING });
    expect(verdict.verdict).toBe('ok');
    expect(verdict.warnings).toEqual([]);
    const data = verdictToData(verdict);
    expect(data.floors.dailyLoss).toEqual({ limit: 'daily_loss', floor: null, allowance: '0', warningLevel: null });
    expect(data.floors.maxLoss.floor).toBeNull();
    const metrics = drawdownMetrics(snapshot, state, true, { now: DURING, balance: '90000', equity: '80000' });
    expect(metrics.dailyLoss).toEqual({
      floor: null,
      allowance: null,
      remaining: null,
      remainingPercent: null,
      usedPercent: null,
      warningLevel: null,
    });
    expect(metrics.maxLoss.floor).toBeNull();
    expect(metrics.equity).toBe('80000.00');
  });
});
