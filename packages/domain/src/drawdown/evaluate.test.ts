import { describe, expect, it } from 'vitest';
import { at, d, observation, snapshotOf } from '../challenge/testing/challenge-fixtures.js';
import { drawdownStateFromData, drawdownStateToData, openDrawdownState, type DrawdownState } from './drawdown-state.js';
import { DRAWDOWN_ENGINE_VERSION, evaluate } from './evaluate.js';
import { rollDrawdownDay } from './roll-drawdown-day.js';
import { replayVerdict, verdictInputs, verdictToData } from './verdict-replay.js';

const opened = at('2026-01-06T15:00:00Z'); // trading day 2026-01-06 (New York 17:00 reset)
const sameDay = (hour: number) => new Date(Date.UTC(2026, 0, 6, hour));

function run(state: DrawdownState, snapshot = snapshotOf(), steps: [string, string, Date][]) {
  return steps.map(([balance, equity, when]) => {
    const verdict = evaluate(state, snapshot, observation(balance, equity, when));
    state = verdict.nextState;
    return verdict;
  });
}

describe('max loss, static', () => {
  const snapshot = snapshotOf();

  it('breaches at exactly initial × (1 − 10%) and names the max-loss limit when its floor is the higher one', () => {
    let state = openDrawdownState(snapshot, opened);
    state = rollDrawdownDay(state, { day: '2026-01-07', balance: d('94000'), equity: d('94000') });
    // Daily floor 94,000 − 5,000 = 89,000; max-loss floor 90,000.
    const [fine, breach] = run(state, snapshot, [
      ['94000', '90000.01', at('2026-01-07T14:00:00Z')],
      ['94000', '90000', at('2026-01-07T14:00:01Z')],
    ]);
    expect(fine!.verdict).toBe('warning');
    expect(breach!.breach?.rule).toBe('max_loss');
    expect(breach!.breach?.floor.toFixed(2)).toBe('90000.00');
  });

  it('reports a breach once; later evaluations are no-ops that keep answering breach', () => {
    const state = openDrawdownState(snapshot, opened);
    const [first, second] = run(state, snapshot, [
      ['100000', '94000', sameDay(16)],
      ['100000', '93000', sameDay(17)],
    ]);
    expect(first!.breach).toBeDefined();
    expect(second!.verdict).toBe('breach');
    expect(second!.alreadyBreached).toBe(true);
    expect(second!.breach).toBeUndefined();
    expect(second!.nextState).toBe(first!.nextState);
  });
});

describe('max loss, trailing equity', () => {
  const snapshot = snapshotOf({ parameters: { rules: { maxLossMode: 'trailing_equity' } } });

  it('trails the highest equity seen and locks at the initial balance', () => {
    const state = openDrawdownState(snapshot, opened);
    const verdicts = run(state, snapshot, [
      ['100000', '100000', sameDay(15)],
      ['100000', '104000', sameDay(16)],
      ['100000', '101000', sameDay(17)],
      ['100000', '112000', sameDay(18)],
      ['100000', '115000', sameDay(19)],
    ]);
    expect(verdicts.map((v) => v.floors.maxLoss.floor.toFixed(2))).toEqual([
      '90000.00',
      '94000.00',
      '94000.00',
      '100000.00',
      '100000.00',
    ]);
  });

  it('breaches when equity falls back to the trailed floor', () => {
    // A 9% daily limit (floor 91,000) leaves the trailed max-loss floor as the binding one.
    const wideDaily = snapshotOf({ parameters: { dailyLossPercent: '9', rules: { maxLossMode: 'trailing_equity' } } });
    const state = openDrawdownState(wideDaily, opened);
    const [, fine, breach] = run(state, wideDaily, [
      ['100000', '103000', sameDay(15)],
      ['100000', '93000.01', sameDay(16)],
      ['100000', '93000', sameDay(17)],
    ]);
    expect(fine!.breach).toBeUndefined();
    expect(breach!.breach?.rule).toBe('max_loss');
    expect(breach!.breach?.floor.toFixed(2)).toBe('93000.00');
  });
});

describe('max loss, trailing end-of-day balance', () => {
  const snapshot = snapshotOf({ parameters: { rules: { maxLossMode: 'trailing_eod_balance' } } });

  it('ignores intraday highs and trails the balance at each reset, locking at initial', () => {
    let state = openDrawdownState(snapshot, opened);
    state = evaluate(state, snapshot, observation('100000', '108000', sameDay(16))).nextState;
    expect(evaluate(state, snapshot, observation('100000', '100000', sameDay(17))).floors.maxLoss.floor.toFixed(2)).toBe(
      '90000.00',
    );
    state = rollDrawdownDay(state, { day: '2026-01-07', balance: d('105000'), equity: d('105000') });
    expect(evaluate(state, snapshot, observation('105000', '105000', at('2026-01-07T15:00:00Z'))).floors.maxLoss.floor.toFixed(2)).toBe(
      '95000.00',
    );
    state = rollDrawdownDay(state, { day: '2026-01-08', balance: d('103000'), equity: d('103000') });
    expect(evaluate(state, snapshot, observation('103000', '103000', at('2026-01-08T15:00:00Z'))).floors.maxLoss.floor.toFixed(2)).toBe(
      '95000.00',
    );
    state = rollDrawdownDay(state, { day: '2026-01-09', balance: d('111000'), equity: d('111000') });
    expect(evaluate(state, snapshot, observation('111000', '111000', at('2026-01-09T15:00:00Z'))).floors.maxLoss.floor.toFixed(2)).toBe(
      '100000.00',
    );
  });
});

describe('daily loss amount from the day-start basis', () => {
  it('takes 5% of the day-start balance instead of the initial balance', () => {
    const snapshot = snapshotOf({ parameters: { rules: { dailyLossReference: 'day_start' } } });
    const state = rollDrawdownDay(openDrawdownState(snapshot, opened), {
      day: '2026-01-07',
      balance: d('102000'),
      equity: d('102000'),
    });
    const verdict = evaluate(state, snapshot, observation('102000', '102000', at('2026-01-07T15:00:00Z')));
    expect(verdict.floors.dailyLoss.allowance.toFixed(2)).toBe('5100.00');
    expect(verdict.floors.dailyLoss.floor.toFixed(2)).toBe('96900.00');
  });

  it('books the allowance to the cent, half-up', () => {
    const snapshot = snapshotOf({ parameters: { rules: { dailyLossReference: 'day_start' } } });
    const state = rollDrawdownDay(openDrawdownState(snapshot, opened), {
      day: '2026-01-07',
      balance: d('100000.10'),
      equity: d('100000.10'),
    });
    // 5% of 100,000.10 = 5,000.005 → 5,000.01.
    const verdict = evaluate(state, snapshot, observation('100000.10', '100000.10', at('2026-01-07T15:00:00Z')));
    expect(verdict.floors.dailyLoss.allowance.toFixed()).toBe('5000.01');
    expect(verdict.floors.dailyLoss.floor.toFixed()).toBe('95000.09');
  });
});

describe('tolerance', () => {
  it('lets equity go the tolerance below a floor before it is a breach', () => {
    const snapshot = snapshotOf({ parameters: { rules: { tolerance: '5.00' } } });
    const state = openDrawdownState(snapshot, opened);
    const verdicts = run(state, snapshot, [
      ['100000', '95000', sameDay(16)],
      ['100000', '94995.01', sameDay(17)],
      ['100000', '94995', sameDay(18)],
    ]);
    expect(verdicts.map((v) => v.verdict)).toEqual(['warning', 'warning', 'breach']);
    expect(verdicts[2]!.breach?.floor.toFixed(2)).toBe('95000.00');
  });
});

describe('early warning', () => {
  const snapshot = snapshotOf();

  it('fires once per limit per trading day when 80% of a limit is used', () => {
    const state = openDrawdownState(snapshot, opened);
    const verdicts = run(state, snapshot, [
      ['100000', '96000.01', sameDay(15)],
      ['100000', '96000', sameDay(16)],
      ['100000', '95500', sameDay(17)],
      ['100000', '99000', sameDay(18)],
      ['100000', '95900', sameDay(19)],
    ]);
    expect(verdicts.map((v) => v.verdict)).toEqual(['ok', 'warning', 'warning', 'ok', 'warning']);
    expect(verdicts.map((v) => v.warnings.map((w) => w.limit))).toEqual([[], ['daily_loss'], [], [], []]);
    expect(verdicts[1]!.warnings[0]!.usedPercent.toFixed()).toBe('80');
    expect(verdicts[0]!.floors.dailyLoss.warningLevel.toFixed(2)).toBe('96000.00');
  });

  it('fires again the next trading day, and separately for the max-loss limit', () => {
    let state = openDrawdownState(snapshot, opened);
    state = evaluate(state, snapshot, observation('100000', '95900', sameDay(16))).nextState;
    state = rollDrawdownDay(state, { day: '2026-01-07', balance: d('96000'), equity: d('96000') });
    // Max-loss warning at 90,000 + 20% × 10,000 = 92,000; daily floor 91,000, warning 92,000.
    const verdict = evaluate(state, snapshot, observation('96000', '92000', at('2026-01-07T15:00:00Z')));
    expect(verdict.warnings.map((w) => w.limit).sort()).toEqual(['daily_loss', 'max_loss']);
  });
});

describe('day rollover', () => {
  const snapshot = snapshotOf();

  it('is a no-op for a day already started, and for a breached state', () => {
    const state = openDrawdownState(snapshot, opened);
    expect(rollDrawdownDay(state, { day: '2026-01-06', balance: d('1'), equity: d('1') })).toBe(state);
    const breached = evaluate(state, snapshot, observation('100000', '90000', sameDay(16))).nextState;
    expect(rollDrawdownDay(breached, { day: '2026-01-07', balance: d('1'), equity: d('1') })).toBe(breached);
  });

  it('uses the last observed figures when several resets pass unobserved', () => {
    let state = openDrawdownState(snapshot, opened);
    state = evaluate(state, snapshot, observation('101000', '100500', sameDay(16))).nextState;
    const verdict = evaluate(state, snapshot, observation('101000', '101200', at('2026-01-09T15:00:00Z')));
    expect(verdict.nextState.tradingDay).toBe('2026-01-09');
    expect(verdict.nextState.dayStartBalance.toFixed()).toBe('101000');
    expect(verdict.nextState.dayStartEquity.toFixed()).toBe('100500');
    expect(verdict.nextState.highestEodBalance.toFixed()).toBe('101000');
  });
});

describe('replay', () => {
  const snapshot = snapshotOf({ parameters: { rules: { maxLossMode: 'trailing_equity', tolerance: '1.50' } } });

  it('replays a verdict from its stored JSON inputs to the same verdict and hash', () => {
    const state = evaluate(openDrawdownState(snapshot, opened), snapshot, observation('100000', '103000', sameDay(16))).nextState;
    const input = {
      ...observation('100500', '92998.5', sameDay(17)),
      tick: { symbol: 'XAUUSD', bid: d('2650.12'), ask: d('2650.45'), time: sameDay(17) },
    };
    const original = evaluate(state, snapshot, input);
    expect(original.breach?.inputHash).toBe(original.inputHash);

    const stored = JSON.parse(JSON.stringify(verdictInputs(state, snapshot, input)));
    const replayed = replayVerdict(stored);
    expect(replayed.ok).toBe(true);
    if (!replayed.ok) return;
    expect(verdictToData(replayed.value)).toEqual(verdictToData(original));
    expect(replayed.value.inputHash).toBe(original.inputHash);
  });

  it('gives a different hash when any input differs', () => {
    const state = openDrawdownState(snapshot, opened);
    const base = evaluate(state, snapshot, observation('100000', '99000', sameDay(16))).inputHash;
    expect(evaluate(state, snapshot, observation('100000', '99000.01', sameDay(16))).inputHash).not.toBe(base);
    expect(evaluate(state, snapshotOf(), observation('100000', '99000', sameDay(16))).inputHash).not.toBe(base);
    expect(evaluate({ ...state, warningsSent: ['daily_loss'] }, snapshot, observation('100000', '99000', sameDay(16))).inputHash).not.toBe(base);
  });

  it('refuses inputs made by another engine version', () => {
    const state = openDrawdownState(snapshot, opened);
    const inputs = { ...verdictInputs(state, snapshot, observation('1', '1', sameDay(16))), engine: DRAWDOWN_ENGINE_VERSION + 1 };
    const replayed = replayVerdict(inputs);
    expect(replayed.ok).toBe(false);
    if (!replayed.ok) expect(replayed.error.code).toBe('DRAWDOWN.ENGINE_VERSION_MISMATCH');
  });

  it('round-trips the state through plain data', () => {
    const breached = evaluate(openDrawdownState(snapshot, opened), snapshot, {
      ...observation('100000', '89000', sameDay(16)),
      tick: { symbol: 'EURUSD', bid: d('1.1'), ask: d('1.2'), time: sameDay(16) },
    }).nextState;
    const data = drawdownStateToData(breached);
    expect(drawdownStateToData(drawdownStateFromData(JSON.parse(JSON.stringify(data))))).toEqual(data);
  });
});
