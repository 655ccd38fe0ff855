import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../calendar/local-date.js';
import { Money } from '../money/money.js';
import { ScalingPolicy } from '../scaling/scaling-policy.js';
import type { FundedAccount } from './funded-account.js';
import { calendar, FUNDED_AT, openAccount } from './testing/funded-fixtures.js';

/**
 * Model-based test of the FundedAccount lifecycle: trades, day rollovers,
 * payout request / approve / reject / pay and scaling reviews run against
 * the aggregate and against a small independent model in integer cents.
 */
const HOUR = 3_600_000;
const CAP_CENTS = 400_000_000;
const FEE_CENTS = 44_900;
const policy = new ScalingPolicy(calendar);

interface ModelPayout {
  id: string;
  status: 'requested' | 'approved' | 'paid' | 'rejected';
  profitCents: number;
  requestedAt: Date;
  paidAt: Date | null;
}

interface Model {
  now: Date;
  allocationCents: number;
  balanceCents: number;
  open: string[];
  nextPosition: number;
  splitPoints: number;
  payouts: ModelPayout[];
  monthly: Map<string, number>;
  countingFrom: Date;
  scales: number;
}

const stats = { paid: 0, scaled: 0, rollovers: 0 };

const cents = (m: Money) => Number(m.amount.times(100).toFixed(0));
const halfUpPercent = (valueCents: number, points: number) => Math.floor((valueCents * points + 50) / 100);

type Cmd = fc.Command<Model, FundedAccount>;

class OpenPosition implements Cmd {
  check = () => true;
  run(m: Model, real: FundedAccount): void {
    const id = `pos-${++m.nextPosition}`;
    expect(real.recordPositionOpened({ positionId: id, at: m.now }).ok).toBe(true);
    m.open.push(id);
    expect(real.openPositionCount).toBe(m.open.length);
  }
  toString = () => 'OpenPosition';
}

class ClosePosition implements Cmd {
  constructor(readonly pnlCents: number) {}
  check = (m: Readonly<Model>) => m.open.length > 0;
  run(m: Model, real: FundedAccount): void {
    const id = m.open.shift()!;
    const result = real.recordPositionClosed({ positionId: id, netProfit: Money.of(this.pnlCents).times('0.01'), at: m.now }, calendar);
    expect(result.ok).toBe(true);
    m.balanceCents += this.pnlCents;
    const month = calendar.monthOf(m.now);
    m.monthly.set(month, (m.monthly.get(month) ?? 0) + this.pnlCents);
    expect(cents(real.balance)).toBe(m.balanceCents);
    expect(real.openPositionCount).toBe(m.open.length);
  }
  toString = () => `ClosePosition(${this.pnlCents})`;
}

/** A position opened and closed at once. */
class Trade implements Cmd {
  constructor(readonly pnlCents: number) {}
  check = () => true;
  run(m: Model, real: FundedAccount): void {
    new OpenPosition().run(m, real);
    m.open.unshift(m.open.pop()!);
    new ClosePosition(this.pnlCents).run(m, real);
  }
  toString = () => `Trade(${this.pnlCents})`;
}

/** Moves the clock over the next reset (a day rollover), then on by some hours. */
class DayRollover implements Cmd {
  constructor(readonly extraHours: number) {}
  check = () => true;
  run(m: Model, real: FundedAccount): void {
    const before = calendar.tradingDayOf(m.now);
    m.now = new Date(calendar.nextReset(m.now).getTime() + this.extraHours * HOUR);
    expect(calendar.tradingDayOf(m.now) > before).toBe(true);
    stats.rollovers++;
    expect(cents(real.balance)).toBe(m.balanceCents);
  }
  toString = () => `DayRollover(+${this.extraHours}h)`;
}

/** Jumps to the reset that opens the next calendar month (a month rollover), then on by some hours. */
class MonthRollover implements Cmd {
  constructor(readonly extraHours: number) {}
  check = () => true;
  run(m: Model, real: FundedAccount): void {
    const month = calendar.monthOf(m.now);
    m.now = new Date(calendar.endOfMonth(month).getTime() + this.extraHours * HOUR);
    expect(calendar.monthOf(m.now) > month).toBe(true);
    stats.rollovers++;
    expect(cents(real.balance)).toBe(m.balanceCents);
  }
  toString = () => `MonthRollover(+${this.extraHours}h)`;
}

class RequestPayout implements Cmd {
  check = () => true;
  run(m: Model, real: FundedAccount): void {
    const previous = [...m.payouts].reverse().find((p) => p.status !== 'rejected');
    const pending = m.payouts.some((p) => p.status === 'requested' || p.status === 'approved');
    const required = previous ? 14 : 21;
    const reference = previous?.requestedAt ?? FUNDED_AT;
    const profitCents = m.balanceCents - m.allocationCents;
    const eligible =
      !pending && m.open.length === 0 && profitCents > 0 && calendar.tradingDaysBetween(reference, m.now) >= required;
    const id = `p-${m.payouts.length + 1}`;
    const result = real.requestPayout({ payoutId: id, actor: 'trader', at: m.now }, calendar);
    expect(result.ok).toBe(eligible);
    if (!result.ok) {
      expect(result.error.code).toBe(pending ? 'PAYOUT.ALREADY_PENDING' : 'PAYOUT.NOT_ELIGIBLE');
      return;
    }
    const number = m.payouts.filter((p) => p.status !== 'rejected').length + 1;
    expect(result.value.number).toBe(number);
    expect(cents(result.value.profit)).toBe(profitCents);
    expect(cents(result.value.traderShare)).toBe(halfUpPercent(profitCents, m.splitPoints));
    expect(cents(result.value.feeRefund)).toBe(number === 1 ? FEE_CENTS : 0);
    m.payouts.push({ id, status: 'requested', profitCents, requestedAt: m.now, paidAt: null });
    m.balanceCents = m.allocationCents;
    expect(cents(real.balance)).toBe(m.balanceCents);
  }
  toString = () => 'RequestPayout';
}

abstract class OnPayout implements Cmd {
  constructor(readonly which: number) {}
  check = (m: Readonly<Model>) => m.payouts.length > 0;
  /** 0 is the latest payout, 1 the one before, and so on. */
  protected target(m: Model): ModelPayout {
    return m.payouts[m.payouts.length - 1 - (this.which % m.payouts.length)]!;
  }
  abstract run(m: Model, real: FundedAccount): void;
}

class ApprovePayout extends OnPayout {
  override run(m: Model, real: FundedAccount): void {
    const p = this.target(m);
    const result = real.approvePayout({ payoutId: p.id, actor: 'admin', at: m.now });
    expect(result.ok).toBe(p.status === 'requested');
    if (result.ok) p.status = 'approved';
  }
  override toString = () => `ApprovePayout(${this.which})`;
}

class RejectPayout extends OnPayout {
  override run(m: Model, real: FundedAccount): void {
    const p = this.target(m);
    const result = real.rejectPayout({ payoutId: p.id, actor: 'admin', at: m.now, reason: 'review' });
    expect(result.ok).toBe(p.status === 'requested' || p.status === 'approved');
    if (result.ok) {
      p.status = 'rejected';
      m.balanceCents += p.profitCents;
    }
    expect(cents(real.balance)).toBe(m.balanceCents);
  }
  override toString = () => `RejectPayout(${this.which})`;
}

class PayPayout extends OnPayout {
  constructor(
    which: number,
    readonly delayHours: number,
  ) {
    super(which);
  }
  override run(m: Model, real: FundedAccount): void {
    m.now = new Date(m.now.getTime() + this.delayHours * HOUR);
    const p = this.target(m);
    const result = real.markPayoutPaid({ payoutId: p.id, actor: 'admin', at: m.now, paymentReference: `wire-${p.id}` });
    expect(result.ok).toBe(p.status === 'approved');
    if (!result.ok) {
      if (p.status === 'paid') expect(result.error.code).toBe('PAYOUT.ALREADY_PAID');
      return;
    }
    const late = m.now.getTime() > p.requestedAt.getTime() + 24 * HOUR;
    expect(cents(result.value.compensation)).toBe(late ? 100_000 : 0);
    p.status = 'paid';
    p.paidAt = m.now;
    stats.paid++;
  }
  override toString = () => `PayPayout(${this.which}, +${this.delayHours}h)`;
}

class ReviewScaling implements Cmd {
  check = () => true;
  run(m: Model, real: FundedAccount): void {
    const current = calendar.monthOf(m.now);
    const window = [4, 3, 2, 1].map((back) => addMonths(current, -back));
    const windowStart = calendar.startOfMonth(window[0]!);
    const profits = window.map((month) => m.monthly.get(month) ?? 0);
    const from = windowStart > m.countingFrom ? windowStart : m.countingFrom;
    const paid = m.payouts.filter((p) => p.paidAt !== null && p.paidAt >= from && p.paidAt <= m.now).length;
    const total = profits.reduce((a, b) => a + b, 0);
    const eligible =
      windowStart >= m.countingFrom &&
      profits.every((p) => p > 0) &&
      total * 10 >= m.allocationCents &&
      paid >= 2 &&
      m.allocationCents < CAP_CENTS;

    const result = real.reviewScaling({ at: m.now }, policy);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.eligible).toBe(eligible);
    if (!eligible) return;
    const after = Math.min(halfUpPercent(m.allocationCents, 140), CAP_CENTS);
    m.balanceCents += after - m.allocationCents;
    m.allocationCents = after;
    m.splitPoints = 90;
    m.countingFrom = m.now;
    m.scales++;
    stats.scaled++;
    expect(cents(real.initialBalance)).toBe(m.allocationCents);
    expect(cents(real.balance)).toBe(m.balanceCents);
    expect(real.split.points.toNumber()).toBe(90);
  }
  toString = () => 'ReviewScaling';
}

const which = fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(5) });

const pnl = fc.integer({ min: -150_000, max: 600_000 });

/** Weighted toward complete payout cycles over several months. */
const command: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(new OpenPosition()) },
  { weight: 4, arbitrary: pnl.map((p) => new ClosePosition(p)) },
  { weight: 4, arbitrary: pnl.map((p) => new Trade(p)) },
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 24 * 12 }).map((h) => new DayRollover(h)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 24 * 20 }).map((h) => new MonthRollover(h)) },
  { weight: 3, arbitrary: fc.constant(new RequestPayout()) },
  { weight: 3, arbitrary: which.map((w) => new ApprovePayout(w)) },
  { weight: 1, arbitrary: which.map((w) => new RejectPayout(w)) },
  { weight: 3, arbitrary: fc.tuple(which, fc.integer({ min: 0, max: 30 })).map(([w, h]) => new PayPayout(w, h)) },
  { weight: 2, arbitrary: fc.constant(new ReviewScaling()) },
);

describe('FundedAccount lifecycle (model-based)', () => {
  it('agrees with the model through trades, rollovers, payouts and scaling', () => {
    fc.assert(
      fc.property(fc.commands([command], { maxCommands: 200, size: 'max' }), (cmds) => {
        const model: Model = {
          now: FUNDED_AT,
          allocationCents: 10_000_000,
          balanceCents: 10_000_000,
          open: [],
          nextPosition: 0,
          splitPoints: 80,
          payouts: [],
          monthly: new Map(),
          countingFrom: FUNDED_AT,
          scales: 0,
        };
        fc.modelRun(() => ({ model, real: openAccount() }), cmds);
      }),
      { numRuns: 100 },
    );
    // The generated lifecycles must reach paid payouts and scales, or the comparison proves little.
    expect(stats.paid).toBeGreaterThan(20);
    expect(stats.scaled).toBeGreaterThan(0);
  });
});
