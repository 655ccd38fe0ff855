import { Decimal } from '../money/decimal.js';
import type { LocalDate } from '../calendar/local-date.js';
import type { LossLimitName } from './loss-limit.js';
import type { RestrictionName } from '../catalog/trading-restrictions.js';

/** What a breach is of: a loss limit, or a restriction whose action is `breach` (rule book §14). */
export type BreachRuleName = LossLimitName | RestrictionName;
import { tickFromData, tickToData, type ObservedTick, type ObservedTickData } from './observed-tick.js';

/**
 * The first evaluated moment where equity reached a floor (rule book section
 * 4): which limit, the floor, equity and balance, the triggering tick and the
 * instant, plus the hash of the evaluation inputs so the verdict can be
 * replayed from the stored inputs. A restriction breach names the
 * restriction as its rule, its limit as the floor and the violation it came
 * from (`violationId`, absent on a loss-limit breach so its data and hash are
 * unchanged).
 */
export interface BreachRecord {
  readonly rule: BreachRuleName;
  readonly floor: Decimal;
  readonly equity: Decimal;
  readonly balance: Decimal;
  readonly tick: ObservedTick | null;
  readonly at: Date;
  readonly tradingDay: LocalDate;
  readonly inputHash: string;
  readonly violationId?: string;
}

export interface BreachRecordData {
  readonly rule: BreachRuleName;
  readonly floor: string;
  readonly equity: string;
  readonly balance: string;
  readonly tick: ObservedTickData | null;
  readonly at: string;
  readonly tradingDay: string;
  readonly inputHash: string;
  readonly violationId?: string;
}

export const breachToData = (breach: BreachRecord): BreachRecordData => ({
  rule: breach.rule,
  floor: breach.floor.toFixed(),
  equity: breach.equity.toFixed(),
  balance: breach.balance.toFixed(),
  tick: breach.tick ? tickToData(breach.tick) : null,
  at: breach.at.toISOString(),
  tradingDay: breach.tradingDay,
  inputHash: breach.inputHash,
  ...(breach.violationId ? { violationId: breach.violationId } : {}),
});

export const breachFromData = (data: BreachRecordData): BreachRecord => ({
  rule: data.rule,
  floor: new Decimal(data.floor),
  equity: new Decimal(data.equity),
  balance: new Decimal(data.balance),
  tick: data.tick ? tickFromData(data.tick) : null,
  at: new Date(data.at),
  tradingDay: data.tradingDay,
  inputHash: data.inputHash,
  ...(data.violationId ? { violationId: data.violationId } : {}),
});
