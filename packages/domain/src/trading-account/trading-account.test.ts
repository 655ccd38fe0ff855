import { describe, expect, it } from 'vitest';
import { at, d, snapshotOf } from '../challenge/testing/challenge-fixtures.js';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { breachToData, type BreachRecord } from '../drawdown/breach-record.js';
import { replayStoredVerdict } from '../drawdown/stored-verdict-replay.js';
import { replayVerdict, verdictToData } from '../drawdown/verdict-replay.js';
import { Money } from '../money/money.js';
import { unwrap, type Result } from '../shared/result.js';
import { TradingAccount } from './trading-account.js';
import type { DealAction, TradingAccountDeal } from './trading-account-deal.js';
import type { TradingAccountBreachDetected, TradingAccountEvent } from './trading-account-events.js';
import type { TradingAccountOwner } from './trading-account-owner.js';

/**
 * Rule book §4 (and the balance operations of §5) on a 100k Stellar 2-Step
 * (5% daily, 10% static max, warnings at 80%) under the default calendar
 * (New York 17:00). Trading day 2026-01-06 runs from 2026-01-05T22:00Z to
 * 2026-01-06T22:00Z; the account opens in it at 09:00 New York. Every
 * behaviour is run once per owner kind: the risk lifecycle must not depend on
 * what the login belongs to.
 */
const rules = snapshotOf();
const calendar = rules.calendar;
const LOGIN = 'mt-5001';
const OPENED = at('2026-01-06T14:00:00Z');
const DAY_1 = '2026-01-06';
const DAY_2 = '2026-01-07';
const RESET_1 = calendar.startOf(DAY_2); // 2026-01-06T22:00Z
const NOON_1 = at('2026-01-06T17:00:00Z');

const OWNERS: readonly TradingAccountOwner[] = [
  { kind: 'challenge_phase', id: 'ch-1', phase: 1, attempt: 1 },
  { kind: 'funded_account', id: 'fa-1' },
  { kind: 'competition_entry', id: 'ce-1', competitionId: 'comp-1' },
];

const tickAt = (when: Date) => ({ symbol: 'EURUSD', bid: d('1.08412'), ask: d('1.08419'), time: when });
const observe = (account: TradingAccount, balance: string, equity: string, when: Date) =>
  account.evaluateEquity({ balance: d(balance), equity: d(equity), at: when, tick: tickAt(when) });
const deal = (action: DealAction, positionId: string, when: Date, balance: string, equity = balance): TradingAccountDeal => ({
  dealId: `${positionId}-${action}-${when.getTime()}`,
  positionId,
  action,
  at: when,
  balance: d(balance),
  equity: d(equity),
});
const rollAt = (account: TradingAccount, when: Date, balance: string, equity = balance, observedAt: Date | null = new Date(when.getTime() - 1_000)) =>
  account.rollTradingDay(when, { balance: d(balance), equity: d(equity), observedAt });
const override = (account: TradingAccount, balance: string, when: Date, reason = 'bad EURUSD quote from the feed') =>
  account.overrideBreach({ adminId: 'admin-1', reason, at: when, balance: d(balance), equity: d(balance) });
const codeOf = (result: Result<unknown>) => (result.ok ? null : result.error.code);
const typesOf = (events: readonly TradingAccountEvent[]) => events.map((event) => event.type);
const fixed2 = (value: { toFixed(places: number): string }) => value.toFixed(2);

function openAccount(owner: TradingAccountOwner, snapshot: RuleSnapshot = rules): TradingAccount {
  const account = unwrap(TradingAccount.open({ login: LOGIN, traderId: 'tr-1', owner, rules: snapshot, at: OPENED }));
  account.pullEvents();
  return account;
}

/** Detected by a tick at `equity` (balance 100,000) on the opening day; events pulled, not yet handled. */
function detectedAt(owner: TradingAccountOwner, equity: string, when = at('2026-01-06T16:00:00Z')): { account: TradingAccount; breach: BreachRecord } {
  const account = openAccount(owner);
  const verdict = unwrap(observe(account, '100000', equity, when));
  expect(verdict.verdict).toBe('breach');
  account.pullEvents();
  return { account, breach: verdict.breach! };
}

/** Detected at 94,999.99, handled two seconds later: the positions were closed. */
function breachedAccount(owner: TradingAccountOwner): { account: TradingAccount; breach: BreachRecord } {
  const detected = detectedAt(owner, '94999.99');
  unwrap(detected.account.markBreached(null, at('2026-01-06T16:00:02Z')));
  detected.account.pullEvents();
  return detected;
}

describe.each(OWNERS)('TradingAccount of a $kind', (owner) => {
  describe('opening (§4: a fresh account uses its initial balance as day start, even mid-day)', () => {
    it('records TradingAccountOpened and starts the day at the initial balance with floors 95,000.00 and 90,000.00', () => {
      const account = unwrap(TradingAccount.open({ login: `  ${LOGIN} `, traderId: 'tr-1', owner, rules, at: OPENED }));
      expect(account.pullEvents()).toEqual([
        {
          type: 'TradingAccountOpened',
          aggregateId: LOGIN,
          occurredAt: OPENED,
          payload: {
            owner,
            login: LOGIN,
            traderId: 'tr-1',
            modelId: 'stellar_2step',
            modelVersion: 1,
            currency: 'USD',
            initialBalance: '100000.00',
            tradingDay: DAY_1,
          },
        },
      ]);
      expect(account.login).toBe(LOGIN);
      expect(account.owner).toEqual(owner);
      expect(account.status).toBe('active');
      expect(account.isTrading).toBe(true);
      expect(account.openPositions).toEqual([]);
      expect(account.breach).toBeNull();
      expect(account.drawdown.tradingDay).toBe(DAY_1);
      expect(fixed2(account.drawdown.dayStartBalance)).toBe('100000.00');
      expect(fixed2(account.drawdown.dayStartEquity)).toBe('100000.00');
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('95000.00');
      expect(fixed2(account.floors.maxLoss.floor)).toBe('90000.00');
    });

    it('needs a platform login (TRADING_ACCOUNT.LOGIN_REQUIRED)', () => {
      const blank = TradingAccount.open({ login: '   ', traderId: 'tr-1', owner, rules, at: OPENED });
      expect(codeOf(blank)).toBe('TRADING_ACCOUNT.LOGIN_REQUIRED');
    });
  });

  describe('§4 worked example 1: a profit does not move the daily floor', () => {
    /** Day start 100,000; a position opened in the morning and closed +2,000 by noon. */
    function afterMorningProfit(): TradingAccount {
      const account = openAccount(owner);
      unwrap(account.recordDeal(deal('open', 'p1', at('2026-01-06T15:00:00Z'), '100000')));
      unwrap(account.recordDeal(deal('close', 'p1', NOON_1, '102000')));
      return account;
    }

    it('keeps the daily floor at 95,000.00 after +2,000 closed by noon, so 7,000.00 may be lost from 102,000', () => {
      const account = afterMorningProfit();
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('95000.00');
      expect(fixed2(account.floors.maxLoss.floor)).toBe('90000.00');
      expect(fixed2(d('102000').minus(account.floors.dailyLoss.floor))).toBe('7000.00');
      expect(account.openPositions).toEqual([]);
      expect(account.lastTradeAt).toEqual(NOON_1);
      expect(account.pullEvents().map((event) => [event.type, event.occurredAt, event.payload])).toEqual([
        [
          'TradingAccountDealRecorded',
          at('2026-01-06T15:00:00Z'),
          { owner, login: LOGIN, action: 'open', positionId: 'p1', tradingDay: DAY_1, balance: '100000', equity: '100000', openPositions: 1 },
        ],
        [
          'TradingAccountDealRecorded',
          NOON_1,
          { owner, login: LOGIN, action: 'close', positionId: 'p1', tradingDay: DAY_1, balance: '102000', equity: '102000', openPositions: 0 },
        ],
      ]);
    });

    it('accepts equity 95,000.01 and breaches the daily limit at exactly 95,000.00, recording floor, equity, balance 102,000, tick and instant', () => {
      const account = afterMorningProfit();
      unwrap(account.recordDeal(deal('open', 'p2', at('2026-01-06T17:30:00Z'), '102000')));
      account.pullEvents();

      const fine = unwrap(observe(account, '102000', '95000.01', at('2026-01-06T18:00:00Z')));
      expect(fine.verdict).toBe('warning');
      expect(fine.breach).toBeUndefined();
      expect(account.isTrading).toBe(true);

      const when = at('2026-01-06T18:00:01Z');
      const breached = unwrap(observe(account, '102000', '95000.00', when));
      expect(breached.verdict).toBe('breach');
      expect(breachToData(breached.breach!)).toMatchObject({
        rule: 'daily_loss',
        floor: '95000',
        equity: '95000',
        balance: '102000',
        tick: { symbol: 'EURUSD', bid: '1.08412', ask: '1.08419', time: when.toISOString() },
        at: when.toISOString(),
        tradingDay: DAY_1,
      });
      expect(account.breach).toEqual(breached.breach);
      expect(typesOf(account.pullEvents())).toEqual(['EarlyWarningRaised', 'TradingAccountBreachDetected']);
    });
  });

  describe('§4 worked example 2: the next day starts from the new balance', () => {
    function dayOneAt102k(): TradingAccount {
      const account = openAccount(owner);
      unwrap(account.recordDeal(deal('open', 'p1', at('2026-01-06T15:00:00Z'), '100000')));
      unwrap(account.recordDeal(deal('close', 'p1', NOON_1, '102000')));
      account.pullEvents();
      return account;
    }

    it('gives a daily floor of 97,000.00 at the reset while the max-loss floor stays 90,000.00', () => {
      const account = dayOneAt102k();
      const rolled = unwrap(rollAt(account, RESET_1, '102000'));
      expect(rolled).toMatchObject({ rolled: true, day: DAY_2 });
      expect(rolled.verdict?.verdict).toBe('ok');
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('97000.00');
      expect(fixed2(account.floors.maxLoss.floor)).toBe('90000.00');
      expect(account.pullEvents()).toEqual([
        {
          type: 'TradingDayRolled',
          aggregateId: LOGIN,
          occurredAt: RESET_1,
          payload: {
            owner,
            login: LOGIN,
            tradingDay: DAY_2,
            dayStartBalance: '102000',
            dayStartEquity: '102000',
            dailyLossFloor: '97000',
            maxLossFloor: '90000',
            nextResetAt: '2026-01-07T22:00:00.000Z',
          },
        },
      ]);
    });

    it('reaches the same floors when the reset passes unobserved and the next tick starts the day', () => {
      const account = dayOneAt102k();
      expect(unwrap(observe(account, '102000', '101800', at('2026-01-07T15:00:00Z'))).verdict).toBe('ok');
      expect(account.drawdown.tradingDay).toBe(DAY_2);
      expect(account.drawdown.dayStartBalance.toFixed()).toBe('102000');
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('97000.00');
      expect(fixed2(account.floors.maxLoss.floor)).toBe('90000.00');
      expect(account.pullEvents().map((event) => [event.type, event.occurredAt])).toEqual([['TradingDayRolled', RESET_1]]);
    });
  });

  describe('§4 worked example 3: the day-start basis with a floating position', () => {
    const maxBasis = snapshotOf({ parameters: { rules: { dailyLossBasis: 'max_balance_equity' } } });
    /** The daily floor of DAY_2 when its day starts at balance 100,000 and `equity` (one position floating). */
    const dailyFloorAtReset = (snapshot: RuleSnapshot, equity: string) => {
      const account = openAccount(owner, snapshot);
      unwrap(account.recordDeal(deal('open', 'p1', at('2026-01-06T15:00:00Z'), '100000')));
      unwrap(observe(account, '100000', equity, at('2026-01-06T21:00:00Z')));
      unwrap(rollAt(account, RESET_1, '100000', equity));
      expect(account.drawdown.tradingDay).toBe(DAY_2);
      return fixed2(account.floors.dailyLoss.floor);
    };

    it('keeps 95,000.00 under the balance basis with −1,500 floating', () => {
      expect(dailyFloorAtReset(rules, '98500')).toBe('95000.00');
    });

    it('also gives 95,000.00 under max(balance, equity) with −1,500 floating', () => {
      expect(dailyFloorAtReset(maxBasis, '98500')).toBe('95000.00');
    });

    it('gives 96,500.00 under max(balance, equity) with +1,500 floating, and 95,000.00 under balance', () => {
      expect(dailyFloorAtReset(maxBasis, '101500')).toBe('96500.00');
      expect(dailyFloorAtReset(rules, '101500')).toBe('95000.00');
    });
  });

  describe('early warnings (§4: once per limit per trading day)', () => {
    it('warns at 96,000.00 (80% of the daily allowance) once, and again at the next day start that is still past the level', () => {
      const account = openAccount(owner);
      unwrap(account.recordDeal(deal('open', 'p1', at('2026-01-06T15:00:00Z'), '100000')));
      account.pullEvents();

      const first = unwrap(observe(account, '100000', '96000', at('2026-01-06T16:00:00Z')));
      expect(first.verdict).toBe('warning');
      expect(first.warnings.map((warning) => warning.limit)).toEqual(['daily_loss']);
      const later = unwrap(observe(account, '100000', '95500', at('2026-01-06T17:00:00Z')));
      // Still past the level, so still a warning verdict, but not raised twice the same day.
      expect(later.verdict).toBe('warning');
      expect(later.warnings).toEqual([]);
      expect(account.pullEvents()).toEqual([
        {
          type: 'EarlyWarningRaised',
          aggregateId: LOGIN,
          occurredAt: at('2026-01-06T16:00:00Z'),
          payload: { owner, login: LOGIN, limit: 'daily_loss', usedPercent: '80.00', floor: '95000', equity: '96000', tradingDay: DAY_1 },
        },
      ]);

      // The position is still 4,000 down at the reset: the new day's first judgement warns again.
      unwrap(rollAt(account, RESET_1, '100000', '96000'));
      expect(account.pullEvents().map((event) => [event.type, event.occurredAt, 'tradingDay' in event.payload && event.payload.tradingDay])).toEqual([
        ['TradingDayRolled', RESET_1, DAY_2],
        ['EarlyWarningRaised', RESET_1, DAY_2],
      ]);
      expect(unwrap(observe(account, '100000', '95800', at('2026-01-07T15:00:00Z'))).warnings).toEqual([]);
      expect(account.pendingEvents).toEqual([]);
    });

    it('raises the max-loss warning at 92,000.00 and the daily one at its own level, each once', () => {
      const account = openAccount(owner);
      unwrap(account.recordDeal(deal('open', 'p1', at('2026-01-06T15:00:00Z'), '100000')));
      unwrap(account.recordDeal(deal('close', 'p1', at('2026-01-06T16:00:00Z'), '95500')));
      // Day start 95,500: daily floor 90,500.00 (warning 91,500.00); max-loss floor 90,000.00 (warning 92,000.00).
      unwrap(rollAt(account, RESET_1, '95500'));
      unwrap(account.recordDeal(deal('open', 'p2', at('2026-01-07T14:00:00Z'), '95500')));
      account.pullEvents();
      expect(fixed2(account.floors.dailyLoss.warningLevel)).toBe('91500.00');
      expect(fixed2(account.floors.maxLoss.warningLevel)).toBe('92000.00');

      const warned = (equity: string, minute: number) =>
        unwrap(observe(account, '95500', equity, at(`2026-01-07T15:${String(minute).padStart(2, '0')}:00Z`))).warnings.map((w) => w.limit);
      expect(warned('92000.01', 0)).toEqual([]);
      expect(warned('92000', 1)).toEqual(['max_loss']);
      expect(warned('91500', 2)).toEqual(['daily_loss']);
      expect(warned('91000', 3)).toEqual([]);
      expect(warned('90500.01', 4)).toEqual([]);
      expect(account.pullEvents().map((event) => event.payload)).toEqual([
        { owner, login: LOGIN, limit: 'max_loss', usedPercent: '80.00', floor: '90000', equity: '92000', tradingDay: DAY_2 },
        { owner, login: LOGIN, limit: 'daily_loss', usedPercent: '80.00', floor: '90500', equity: '91500', tradingDay: DAY_2 },
      ]);
    });
  });

  describe('breach detection (§4: detect, stop trading, handle once)', () => {
    it('detects the breach on the tick at the floor; the event carries inputs that replay to the same verdict', () => {
      const account = openAccount(owner);
      unwrap(account.recordDeal(deal('open', 'p1', at('2026-01-06T15:00:00Z'), '100000')));
      account.pullEvents();
      const when = at('2026-01-06T16:00:00Z');
      const verdict = unwrap(observe(account, '100000', '94999.99', when));
      expect(verdict.breach).toBeDefined();

      const [detected, ...rest] = account.pullEvents() as TradingAccountBreachDetected[];
      expect(rest).toEqual([]);
      expect(detected).toMatchObject({ type: 'TradingAccountBreachDetected', aggregateId: LOGIN, occurredAt: when });
      expect(detected!.payload.owner).toEqual(owner);
      expect(detected!.payload.login).toBe(LOGIN);
      expect(detected!.payload.breach).toEqual(breachToData(verdict.breach!));
      expect(detected!.payload.breach).toMatchObject({ rule: 'daily_loss', floor: '95000', equity: '94999.99', balance: '100000' });

      // As the outbox would store it: plain JSON.
      const stored = JSON.parse(JSON.stringify(detected!.payload)) as TradingAccountBreachDetected['payload'];
      const replayed = unwrap(replayVerdict(stored.inputs));
      expect(verdictToData(replayed)).toEqual(verdictToData(verdict));
      expect(replayed.inputHash).toBe(verdict.breach!.inputHash);
      expect(unwrap(replayStoredVerdict({ breach: stored.breach, inputs: stored.inputs, inputHash: stored.breach.inputHash })).matches).toBe(true);

      // The replay is a real check: one cent more of equity is not the same verdict.
      const edited = { ...stored.inputs, input: { ...stored.inputs.input, equity: '95000' } };
      expect(unwrap(replayStoredVerdict({ breach: stored.breach, inputs: edited, inputHash: stored.breach.inputHash })).matches).toBe(false);
    });

    it('detects a breach at the reset when the new day-start balance lifts the daily floor above equity, and that verdict replays too', () => {
      const account = openAccount(owner);
      unwrap(account.recordDeal(deal('open', 'win', at('2026-01-06T15:00:00Z'), '100000')));
      unwrap(account.recordDeal(deal('close', 'win', at('2026-01-06T16:00:00Z'), '103000')));
      unwrap(account.recordDeal(deal('open', 'lose', at('2026-01-06T17:00:00Z'), '103000', '96000')));
      account.pullEvents();
      // Today's floor is 95,000; from the reset it is 103,000 − 5,000 = 98,000 > 96,000.
      const rolled = unwrap(rollAt(account, RESET_1, '103000', '96000'));
      expect(rolled.verdict?.breach).toMatchObject({ rule: 'daily_loss', at: RESET_1, tradingDay: DAY_2 });
      expect(rolled.verdict?.breach?.floor.toFixed()).toBe('98000');
      const events = account.pullEvents();
      expect(typesOf(events)).toEqual(['TradingDayRolled', 'TradingAccountBreachDetected']);
      const payload = (events[1] as TradingAccountBreachDetected).payload;
      expect(unwrap(replayStoredVerdict({ breach: payload.breach, inputs: payload.inputs, inputHash: payload.breach.inputHash })).matches).toBe(true);
      expect(account.isTrading).toBe(false);
    });

    it('refuses deals, prices and rollovers once a breach is detected (TRADING_ACCOUNT.ALREADY_BREACHED), changing nothing', () => {
      const { account } = detectedAt(owner, '95000');
      expect(account.status).toBe('active');
      expect(account.isTrading).toBe(false);
      const before = account.toState();

      const refusals = [
        observe(account, '100000', '99000', at('2026-01-06T16:05:00Z')),
        account.recordDeal(deal('close', 'p1', at('2026-01-06T16:05:00Z'), '95000')),
        rollAt(account, RESET_1, '95000'),
        observe(account, '100000', '99000', at('2026-01-07T15:00:00Z')),
      ];
      expect(refusals.map(codeOf)).toEqual(Array(4).fill('TRADING_ACCOUNT.ALREADY_BREACHED'));
      expect(refusals[0]!.ok || refusals[0]!.error.details).toMatchObject({ login: LOGIN, owner: owner.kind, ownerId: owner.id, status: 'active' });
      expect(account.toState()).toEqual(before);
      expect(account.pendingEvents).toEqual([]);

      unwrap(account.markBreached(null, at('2026-01-06T16:10:00Z')));
      account.pullEvents();
      expect(codeOf(observe(account, '95000', '95000', at('2026-01-06T16:15:00Z')))).toBe('TRADING_ACCOUNT.ALREADY_BREACHED');
      expect(account.pendingEvents).toEqual([]);
    });
  });

  describe('markBreached (§4: handled once, after trading was disabled and positions closed)', () => {
    it('ends the account on the detected breach once: a second call is a no-op that records nothing', () => {
      const { account, breach } = detectedAt(owner, '94000');
      const handledAt = at('2026-01-06T16:00:05Z');
      unwrap(account.markBreached(null, handledAt));
      expect(account.status).toBe('breached');
      expect(account.openPositions).toEqual([]);
      expect(account.toState().breachedAt).toEqual(handledAt);
      expect(account.pullEvents()).toEqual([
        {
          type: 'TradingAccountBreached',
          aggregateId: LOGIN,
          occurredAt: handledAt,
          payload: { owner, login: LOGIN, cause: 'breach:daily_loss', breach: breachToData(breach) },
        },
      ]);

      const state = account.toState();
      unwrap(account.markBreached(null, at('2026-01-06T16:00:09Z')));
      unwrap(account.markBreached({ ...breach, rule: 'max_loss', equity: d('1') }, at('2026-01-06T16:00:10Z')));
      expect(account.pendingEvents).toEqual([]);
      expect(account.toState()).toEqual(state);
    });

    it('keeps the detected record when the handler passes another one', () => {
      const { account, breach } = detectedAt(owner, '94000');
      unwrap(account.markBreached({ ...breach, rule: 'max_loss', equity: d('1') }, at('2026-01-06T16:00:05Z')));
      expect(account.breach?.equity.toFixed()).toBe('94000');
      expect(account.pullEvents().map((event) => event.payload)).toEqual([
        { owner, login: LOGIN, cause: 'breach:daily_loss', breach: breachToData(breach) },
      ]);
    });

    it('ends on a breach the risk monitor found outside the aggregate, and refuses when there is none (NOT_BREACHED)', () => {
      const none = openAccount(owner);
      expect(codeOf(none.markBreached(null, at('2026-01-06T16:00:00Z')))).toBe('TRADING_ACCOUNT.NOT_BREACHED');
      expect(none.pendingEvents).toEqual([]);

      const account = openAccount(owner);
      const found: BreachRecord = {
        rule: 'max_loss',
        floor: d('90000'),
        equity: d('89999'),
        balance: d('100000'),
        tick: null,
        at: at('2026-01-06T16:00:00Z'),
        tradingDay: DAY_1,
        inputHash: 'sha256:outside',
      };
      unwrap(account.markBreached(found, at('2026-01-06T16:00:03Z')));
      expect(account.status).toBe('breached');
      expect(account.breach).toEqual(found);
      expect(typesOf(account.pullEvents())).toEqual(['TradingAccountBreached']);
    });
  });

  describe('breach override (§4: an admin clears a false breach with a reason)', () => {
    it('refuses a blank reason and figures at a floor (OVERRIDE_BEYOND_LIMIT), changing nothing', () => {
      const { account } = breachedAccount(owner);
      const before = account.toState();
      expect(codeOf(override(account, '99980', at('2026-01-06T18:00:00Z'), '   '))).toBe('TRADING_ACCOUNT.REASON_REQUIRED');
      // 90,000.00 flat sits on the max-loss floor: cleared, it would breach at once.
      const beyond = override(account, '90000', at('2026-01-06T18:00:00Z'));
      expect(beyond.ok ? null : beyond.error).toMatchObject({
        code: 'TRADING_ACCOUNT.OVERRIDE_BEYOND_LIMIT',
        details: { login: LOGIN, owner: owner.kind, ownerId: owner.id, rule: 'max_loss', floor: '90000', equity: '90000' },
      });
      expect(account.toState()).toEqual(before);
      expect(account.pendingEvents).toEqual([]);
      expect(unwrap(override(account, '90000.01', at('2026-01-06T18:00:00Z'))).equity).toBe('90000.01');
      expect(account.status).toBe('active');
    });

    it('resumes from a fresh day start at the figures now and keeps the original verdict in overrides', () => {
      const { account, breach } = breachedAccount(owner);
      const original = breachToData(breach);
      expect(original).toMatchObject({ rule: 'daily_loss', floor: '95000', equity: '94999.99', balance: '100000' });

      // The positions were closed at the breach: the login holds 99,980 flat.
      const when = at('2026-01-06T18:00:00Z');
      const cleared = unwrap(override(account, '99980', when, '  bad EURUSD quote from the feed  '));
      const expected = {
        adminId: 'admin-1',
        reason: 'bad EURUSD quote from the feed',
        at: when,
        previousStatus: 'breached',
        breachedAt: at('2026-01-06T16:00:02Z'),
        original,
        balance: '99980',
        equity: '99980',
      };
      expect(cleared).toEqual(expected);
      expect(account.overrides).toEqual([expected]);
      expect(account.status).toBe('active');
      expect(account.isTrading).toBe(true);
      expect(account.breach).toBeNull();
      expect(account.toState().breachedAt).toBeNull();
      expect(account.drawdown).toMatchObject({ tradingDay: DAY_1, warningsSent: [], breach: null });
      expect(account.drawdown.dayStartBalance.toFixed()).toBe('99980');
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('94980.00');
      expect(fixed2(account.floors.maxLoss.floor)).toBe('90000.00');
      expect(account.pullEvents()).toEqual([
        {
          type: 'TradingAccountBreachOverridden',
          aggregateId: LOGIN,
          occurredAt: when,
          payload: {
            owner,
            login: LOGIN,
            tradingDay: DAY_1,
            dayStartBalance: '99980',
            dayStartEquity: '99980',
            dailyLossFloor: '94980',
            maxLossFloor: '90000',
            nextResetAt: RESET_1.toISOString(),
            adminId: 'admin-1',
            reason: 'bad EURUSD quote from the feed',
            original,
            breachedAt: '2026-01-06T16:00:02.000Z',
            previousStatus: 'breached',
          },
        },
      ]);
    });

    it('trades on under the engine: figures from before the override are stale, a new breach is a new verdict, and every original stays', () => {
      const { account, breach: first } = breachedAccount(owner);
      unwrap(override(account, '99980', at('2026-01-06T18:00:00Z')));
      account.pullEvents();

      const stale = observe(account, '100000', '94000', at('2026-01-06T17:59:59Z'));
      expect(codeOf(stale)).toBe('TRADING_ACCOUNT.STALE_OBSERVATION');
      expect(unwrap(observe(account, '99980', '94980.01', at('2026-01-06T18:30:00Z'))).breach).toBeUndefined();
      const second = unwrap(observe(account, '99980', '94980', at('2026-01-06T18:31:00Z'))).breach!;
      expect(breachToData(second)).toMatchObject({ rule: 'daily_loss', floor: '94980', equity: '94980' });
      expect(second.inputHash).not.toBe(first.inputHash);
      unwrap(account.markBreached(null, at('2026-01-06T18:31:02Z')));
      account.pullEvents();

      // Cleared again on the next trading day: that day starts afresh, both originals are kept, oldest first.
      unwrap(override(account, '94975', at('2026-01-07T15:00:00Z'), 'platform outage'));
      expect(account.overrides.map((o) => [o.reason, o.original])).toEqual([
        ['bad EURUSD quote from the feed', breachToData(first)],
        ['platform outage', breachToData(second)],
      ]);
      expect(account.drawdown.tradingDay).toBe(DAY_2);
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('89975.00');
      expect(fixed2(account.floors.maxLoss.floor)).toBe('90000.00');
    });

    it('clears a breach detected but not yet handled: nothing ended, so there is no handling instant', () => {
      const { account, breach } = detectedAt(owner, '94500');
      const when = at('2026-01-06T16:00:01Z');
      const cleared = unwrap(override(account, '100000', when));
      expect(cleared).toMatchObject({ previousStatus: 'active', breachedAt: null, original: breachToData(breach) });
      expect(account.status).toBe('active');
      expect(account.isTrading).toBe(true);
      expect(account.pullEvents().map((event) => event.payload)).toEqual([
        expect.objectContaining({ previousStatus: 'active', breachedAt: breach.at.toISOString(), dailyLossFloor: '95000' }),
      ]);
      // The breach is gone: there is nothing left to end the account on.
      expect(codeOf(account.markBreached(null, at('2026-01-06T16:00:02Z')))).toBe('TRADING_ACCOUNT.NOT_BREACHED');
      expect(unwrap(observe(account, '100000', '99000', at('2026-01-06T16:00:03Z'))).verdict).toBe('ok');
    });

    it('refuses an account without a breach (NOT_BREACHED)', () => {
      const account = openAccount(owner);
      expect(codeOf(override(account, '100000', at('2026-01-06T18:00:00Z')))).toBe('TRADING_ACCOUNT.NOT_BREACHED');
      expect(account.pendingEvents).toEqual([]);
    });
  });

  describe('balance operations (§5: money the firm moves is not a loss)', () => {
    /** Closed +8,000 on the opening day; DAY_2 starts at 108,000 (daily floor 103,000). */
    function at108k(): TradingAccount {
      const account = openAccount(owner);
      unwrap(account.recordDeal(deal('open', 'p1', at('2026-01-06T15:00:00Z'), '100000')));
      unwrap(account.recordDeal(deal('close', 'p1', at('2026-01-06T16:00:00Z'), '108000')));
      unwrap(rollAt(account, RESET_1, '108000'));
      account.pullEvents();
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('103000.00');
      return account;
    }
    const withdrawnAt = at('2026-01-07T15:00:00Z');

    it('takes a deal delivered after a withdrawal it predates into the book, but not its figures: no false breach the next day', () => {
      const account = at108k();
      unwrap(account.applyBalanceOperation({ cause: 'payout_withdrawal', amount: Money.of('-8000'), at: withdrawnAt, allocation: null }));
      account.pullEvents();
      const late = unwrap(account.recordDeal(deal('open', 'p2', at('2026-01-07T14:59:59Z'), '108000')));
      expect(late).toEqual({ rollover: null, applied: true, verdict: null });
      expect(account.openPositions).toEqual(['p2']);
      expect(fixed2(account.drawdown.lastBalance)).toBe('100000.00');
      expect(typesOf(account.pullEvents())).toEqual(['TradingAccountDealRecorded']);
      // The next day starts from the figures the withdrawal left, not the late deal's 108,000.
      const next = unwrap(observe(account, '100000', '100000', at('2026-01-08T15:00:00Z')));
      expect(next.verdict).toBe('ok');
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('95000.00');
    });

    it('refuses an operation in another currency than the account’s, changing nothing', () => {
      const account = at108k();
      const before = account.toState();
      const refused = account.applyBalanceOperation({ cause: 'payout_withdrawal', amount: Money.of('-500', 'EUR'), at: withdrawnAt, allocation: null });
      expect(codeOf(refused)).toBe('TRADING_ACCOUNT.CURRENCY_MISMATCH');
      expect(account.toState()).toEqual(before);
      expect(account.pullEvents()).toEqual([]);
    });

    it('refuses a new allocation while a breach is on record, and still takes money moved on it', () => {
      const { account } = detectedAt(owner, '94999.99');
      const before = account.toState();
      const scaled = account.applyBalanceOperation({ cause: 'scaling_deposit', amount: Money.of('40000'), at: withdrawnAt, allocation: Money.of('140000') });
      expect(codeOf(scaled)).toBe('TRADING_ACCOUNT.ALREADY_BREACHED');
      expect(account.toState()).toEqual(before);
      unwrap(account.applyBalanceOperation({ cause: 'payout_reversal', amount: Money.of('500'), at: withdrawnAt, allocation: null }));
      expect(account.lastBalanceOperationAt).toEqual(withdrawnAt);
      expect(account.pullEvents()).toEqual([]);
    });

    it('moves the floors with a payout withdrawal of 8,000, so the 100,000 left is fine, not a breach', () => {
      const account = at108k();
      unwrap(account.applyBalanceOperation({ cause: 'payout_withdrawal', amount: Money.of(-8000), at: withdrawnAt, allocation: null }));
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('95000.00');
      expect(fixed2(account.floors.maxLoss.floor)).toBe('90000.00');
      expect(account.lastBalanceOperationAt).toEqual(withdrawnAt);
      expect(account.pullEvents()).toEqual([
        {
          type: 'TradingAccountLimitsRebased',
          aggregateId: LOGIN,
          occurredAt: withdrawnAt,
          payload: {
            owner,
            login: LOGIN,
            cause: 'payout_withdrawal',
            amount: '-8000.00',
            initialBalance: '100000.00',
            dailyLossFloor: '95000',
            maxLossFloor: '90000',
          },
        },
      ]);
      const after = unwrap(observe(account, '100000', '100000', at('2026-01-07T15:00:01Z')));
      expect(after.verdict).toBe('ok');
      expect(account.pendingEvents).toEqual([]);

      // Its reversal gives the room back the same way.
      unwrap(account.applyBalanceOperation({ cause: 'payout_reversal', amount: Money.of(8000), at: at('2026-01-07T16:00:00Z'), allocation: null }));
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('103000.00');
    });

    it('refuses figures observed before the withdrawal (STALE_OBSERVATION), and a rollover from such figures uses the account’s own', () => {
      const account = at108k();
      unwrap(account.applyBalanceOperation({ cause: 'payout_withdrawal', amount: Money.of(-8000), at: withdrawnAt, allocation: null }));
      account.pullEvents();
      const before = account.toState();

      const stale = observe(account, '108000', '108000', at('2026-01-07T14:59:59Z'));
      expect(stale.ok ? null : stale.error).toMatchObject({
        code: 'TRADING_ACCOUNT.STALE_OBSERVATION',
        details: { login: LOGIN, observedAt: '2026-01-07T14:59:59.000Z', lastBalanceOperationAt: withdrawnAt.toISOString() },
      });
      expect(account.toState()).toEqual(before);
      expect(account.pendingEvents).toEqual([]);
      // Exactly at the operation the figures include it.
      expect(unwrap(observe(account, '100000', '100000', withdrawnAt)).verdict).toBe('ok');

      // Closing figures observed before the withdrawal give way to the account's own (already moved) ones.
      unwrap(rollAt(account, calendar.startOf('2026-01-08'), '108000', '108000', at('2026-01-07T14:00:00Z')));
      expect(account.drawdown.dayStartBalance.toFixed()).toBe('100000');
      // Never-observed closing figures do too.
      unwrap(rollAt(account, calendar.startOf('2026-01-09'), '1', '1', null));
      expect(account.drawdown.dayStartBalance.toFixed()).toBe('100000');
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('95000.00');
    });

    it('measures the rules against the new allocation after a scaling deposit: 140,000 gives a daily allowance of 7,000.00 and a max-loss floor of 126,000.00', () => {
      const account = openAccount(owner);
      const when = at('2026-01-06T15:00:00Z');
      unwrap(account.applyBalanceOperation({ cause: 'scaling_deposit', amount: Money.of(40_000), at: when, allocation: Money.of(140_000) }));
      expect(account.rules.initialBalance.equals(Money.of(140_000))).toBe(true);
      expect(account.drawdown.initialBalance.toFixed()).toBe('140000');
      expect(fixed2(account.floors.dailyLoss.allowance)).toBe('7000.00');
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('133000.00');
      expect(fixed2(account.floors.maxLoss.floor)).toBe('126000.00');
      expect(account.pullEvents().map((event) => event.payload)).toEqual([
        {
          owner,
          login: LOGIN,
          cause: 'scaling_deposit',
          amount: '40000.00',
          initialBalance: '140000.00',
          dailyLossFloor: '133000',
          maxLossFloor: '126000',
        },
      ]);
      expect(unwrap(observe(account, '140000', '133000.01', at('2026-01-06T15:01:00Z'))).breach).toBeUndefined();
      expect(unwrap(observe(account, '140000', '133000', at('2026-01-06T15:02:00Z'))).breach).toMatchObject({ rule: 'daily_loss' });
    });
  });

  describe('day rollover (§4)', () => {
    it('refuses a tick from the closed trading day that arrives after the rollover, instead of judging it against the new floors', () => {
      const account = openAccount(owner);
      unwrap(account.recordDeal(deal('open', 'p1', at('2026-01-06T15:00:00Z'), '100000')));
      unwrap(account.recordDeal(deal('close', 'p1', at('2026-01-06T16:00:00Z'), '103000')));
      unwrap(rollAt(account, RESET_1, '103000'));
      account.pullEvents();
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('98000.00');
      const before = account.toState();
      // 97,500 was within the closed day's floor (95,000); against the new day's 98,000 it would be a breach.
      const late = observe(account, '103000', '97500', new Date(RESET_1.getTime() - 1));
      expect(codeOf(late)).toBe('TRADING_ACCOUNT.STALE_OBSERVATION');
      expect(account.toState()).toEqual(before);
      expect(account.pullEvents()).toEqual([]);
      expect(unwrap(observe(account, '103000', '97500', new Date(RESET_1.getTime() + 1))).verdict).toBe('breach');
    });

    it('treats a repeated rollover into a day already started as a no-op', () => {
      const account = openAccount(owner);
      unwrap(rollAt(account, RESET_1, '100000'));
      account.pullEvents();
      const state = account.toState();
      expect(unwrap(rollAt(account, new Date(RESET_1.getTime() + 15_000), '1', '1'))).toEqual({ rolled: false, day: DAY_2, verdict: null });
      expect(unwrap(rollAt(account, RESET_1, '1', '1'))).toMatchObject({ rolled: false });
      expect(account.toState()).toEqual(state);
      expect(account.pendingEvents).toEqual([]);
    });

    it('runs the missed rollover first when a deal is the first news from a new trading day (TradingDayRolled before the deal’s events)', () => {
      const account = openAccount(owner);
      unwrap(account.recordDeal(deal('open', 'p1', at('2026-01-06T15:00:00Z'), '100000')));
      unwrap(account.recordDeal(deal('close', 'p1', at('2026-01-06T16:00:00Z'), '102000')));
      account.pullEvents();
      const when = at('2026-01-07T15:00:00Z');
      const outcome = unwrap(account.recordDeal(deal('open', 'p2', when, '102000', '97500')));
      expect(outcome.applied).toBe(true);
      expect(outcome.rollover).toMatchObject({ rolled: true, day: DAY_2 });
      expect(account.openPositions).toEqual(['p2']);
      // 97,500 is past the new day's warning level (97,000 + 1,000).
      expect(account.pullEvents().map((event) => [event.type, event.occurredAt])).toEqual([
        ['TradingDayRolled', RESET_1],
        ['TradingAccountDealRecorded', when],
        ['EarlyWarningRaised', when],
      ]);
      expect(fixed2(account.floors.dailyLoss.floor)).toBe('97000.00');
    });

    it('does not apply a deal whose missed rollover breaches', () => {
      const account = openAccount(owner);
      unwrap(account.recordDeal(deal('open', 'win', at('2026-01-06T15:00:00Z'), '100000')));
      unwrap(account.recordDeal(deal('close', 'win', at('2026-01-06T16:00:00Z'), '103000')));
      unwrap(account.recordDeal(deal('open', 'lose', at('2026-01-06T17:00:00Z'), '103000', '96000')));
      account.pullEvents();
      const outcome = unwrap(account.recordDeal(deal('open', 'next', at('2026-01-07T15:00:00Z'), '103000', '96000')));
      expect(outcome).toMatchObject({ applied: false, verdict: null, rollover: { rolled: true, day: DAY_2 } });
      expect(outcome.rollover?.verdict?.breach?.floor.toFixed()).toBe('98000');
      expect(account.openPositions).toEqual(['lose']);
      expect(account.lastTradeAt).toEqual(at('2026-01-06T17:00:00Z'));
      expect(typesOf(account.pullEvents())).toEqual(['TradingDayRolled', 'TradingAccountBreachDetected']);
    });
  });

  describe('position book', () => {
    it('follows open, partial close and close; a partial close records no deal event', () => {
      const account = openAccount(owner);
      unwrap(account.recordDeal(deal('open', 'a', at('2026-01-06T15:00:00Z'), '100000')));
      unwrap(account.recordDeal(deal('open', 'b', at('2026-01-06T15:01:00Z'), '100000')));
      unwrap(account.recordDeal(deal('open', 'a', at('2026-01-06T15:02:00Z'), '100000')));
      expect(account.openPositions).toEqual(['a', 'b']);
      account.pullEvents();
      unwrap(account.recordDeal(deal('partial_close', 'a', at('2026-01-06T15:03:00Z'), '100100')));
      expect(account.openPositions).toEqual(['a', 'b']);
      expect(account.pendingEvents).toEqual([]);
      unwrap(account.recordDeal(deal('close', 'a', at('2026-01-06T15:04:00Z'), '100200')));
      expect(account.openPositions).toEqual(['b']);
      expect(account.lastTradeAt).toEqual(at('2026-01-06T15:04:00Z'));
    });
  });

  describe('closing (the account is no longer watched)', () => {
    it('refuses to close while a detected breach waits to be handled, so the breach always reaches the owner', () => {
      const { account } = detectedAt(owner, '94999.99');
      expect(codeOf(account.close('phase_passed', at('2026-01-06T16:30:00Z')))).toBe('TRADING_ACCOUNT.ALREADY_BREACHED');
      expect(account.status).toBe('active');
      unwrap(account.markBreached(null, at('2026-01-06T16:30:01Z')));
      expect(typesOf(account.pullEvents())).toEqual(['TradingAccountBreached']);
    });

    it('closes once, then refuses every evaluation with TRADING_ACCOUNT.CLOSED', () => {
      const account = openAccount(owner);
      unwrap(account.recordDeal(deal('open', 'p1', at('2026-01-06T15:00:00Z'), '100000')));
      unwrap(account.recordDeal(deal('close', 'p1', at('2026-01-06T16:00:00Z'), '108000')));
      account.pullEvents();
      expect(codeOf(account.close('  ', at('2026-01-06T17:00:00Z')))).toBe('TRADING_ACCOUNT.REASON_REQUIRED');
      const closedAt = at('2026-01-06T17:00:00Z');
      unwrap(account.close('phase_passed', closedAt));
      expect(account.status).toBe('closed');
      expect(account.isTrading).toBe(false);
      expect(account.pullEvents()).toEqual([
        {
          type: 'TradingAccountClosed',
          aggregateId: LOGIN,
          occurredAt: closedAt,
          payload: { owner, login: LOGIN, cause: 'phase_passed', balance: '108000' },
        },
      ]);
      const state = account.toState();
      expect(state).toMatchObject({ closedAt, closeCause: 'phase_passed' });

      unwrap(account.close('again', at('2026-01-06T17:01:00Z')));
      const refusals = [
        observe(account, '108000', '108000', at('2026-01-06T17:02:00Z')),
        account.recordDeal(deal('open', 'p2', at('2026-01-06T17:02:00Z'), '108000')),
        rollAt(account, RESET_1, '108000'),
        account.applyBalanceOperation({ cause: 'payout_withdrawal', amount: Money.of(-8000), at: at('2026-01-06T17:03:00Z'), allocation: null }),
        account.markBreached(null, at('2026-01-06T17:04:00Z')),
      ];
      expect(refusals.map(codeOf)).toEqual(Array(5).fill('TRADING_ACCOUNT.CLOSED'));
      expect(codeOf(override(account, '108000', at('2026-01-06T17:05:00Z')))).toBe('TRADING_ACCOUNT.NOT_BREACHED');
      expect(account.toState()).toEqual(state);
      expect(account.pendingEvents).toEqual([]);
    });

    it('leaves a breached account breached: its record is what the owner acted on', () => {
      const { account } = breachedAccount(owner);
      const state = account.toState();
      unwrap(account.close('phase_ended', at('2026-01-06T18:00:00Z')));
      expect(account.status).toBe('breached');
      expect(account.toState()).toEqual(state);
      expect(account.pendingEvents).toEqual([]);
    });
  });

  describe('events and persistence', () => {
    it('names the owner and the login in every event payload', () => {
      const events = [...busyLife(owner).events];
      expect(new Set(typesOf(events))).toEqual(
        new Set([
          'TradingAccountOpened',
          'TradingAccountDealRecorded',
          'TradingDayRolled',
          'EarlyWarningRaised',
          'TradingAccountBreachDetected',
          'TradingAccountBreached',
          'TradingAccountBreachOverridden',
          'TradingAccountLimitsRebased',
          'TradingAccountClosed',
        ]),
      );
      for (const event of events) {
        expect(event.aggregateId).toBe(LOGIN);
        expect(event.payload.owner).toEqual(owner);
        expect(event.payload.login).toBe(LOGIN);
      }
    });

    it('restores from toState() with the same state, and the copy carries on identically', () => {
      const { account } = busyLife(owner, { close: false });
      const state = account.toState();
      // As a store would keep it: a deep copy sharing nothing with the live object.
      const restored = TradingAccount.restore(structuredClone(state));
      expect(restored.toState()).toEqual(state);
      expect(restored.owner).toEqual(owner);
      expect(restored.overrides).toEqual(account.overrides);

      const carryOn = (a: TradingAccount) => {
        const results = [
          a.recordDeal(deal('open', 'q1', at('2026-01-08T15:00:00Z'), '100000', '99000')),
          observe(a, '100000', '96000', at('2026-01-08T15:10:00Z')),
          rollAt(a, calendar.startOf('2026-01-09'), '100000', '96000'),
          observe(a, '100000', '94000', at('2026-01-09T15:00:00Z')),
          a.markBreached(null, at('2026-01-09T15:00:02Z')),
        ];
        return { results: JSON.parse(JSON.stringify(results)) as unknown, events: a.pullEvents(), state: a.toState() };
      };
      expect(carryOn(restored)).toEqual(carryOn(account));
      expect(account.status).toBe('breached');
    });
  });
});

/**
 * A life that crosses every event: opened, traded, warned, rolled, breached,
 * handled, cleared, a withdrawal, closed. Returns the account and every event
 * it recorded.
 */
function busyLife(owner: TradingAccountOwner, options: { close?: boolean } = {}): { account: TradingAccount; events: TradingAccountEvent[] } {
  const account = unwrap(TradingAccount.open({ login: LOGIN, traderId: 'tr-1', owner, rules, at: OPENED }));
  const events: TradingAccountEvent[] = [];
  const pull = () => events.push(...account.pullEvents());
  unwrap(account.recordDeal(deal('open', 'p1', at('2026-01-06T15:00:00Z'), '100000')));
  unwrap(account.recordDeal(deal('close', 'p1', at('2026-01-06T16:00:00Z'), '104000')));
  unwrap(rollAt(account, RESET_1, '104000'));
  // Day floor 99,000 (warning at 100,000): the deal warns, the tick breaches.
  unwrap(account.recordDeal(deal('open', 'p2', at('2026-01-07T15:00:00Z'), '104000', '99500')));
  unwrap(observe(account, '104000', '98900', at('2026-01-07T15:30:00Z')));
  unwrap(account.markBreached(null, at('2026-01-07T15:30:05Z')));
  unwrap(override(account, '104000', at('2026-01-07T16:00:00Z')));
  unwrap(account.applyBalanceOperation({ cause: 'payout_withdrawal', amount: Money.of(-4000), at: at('2026-01-07T17:00:00Z'), allocation: null }));
  pull();
  if (options.close !== false) {
    unwrap(account.close('owner_ended', at('2026-01-07T18:00:00Z')));
    pull();
  }
  return { account, events };
}

describe('TradingAccount is the same lifecycle whatever it belongs to', () => {
  it('records the same events and state for a challenge phase, a funded account and a competition entry, but for the owner', () => {
    const withoutOwner = (owner: TradingAccountOwner) => {
      const { account, events } = busyLife(owner);
      const { owner: _owner, ...state } = account.toState();
      return {
        state,
        events: events.map(({ payload: { owner: _eventOwner, ...payload }, ...event }) => ({ ...event, payload })),
      };
    };
    const [challenge, funded, competition] = OWNERS.map(withoutOwner);
    expect(funded).toEqual(challenge);
    expect(competition).toEqual(challenge);
  });
});
