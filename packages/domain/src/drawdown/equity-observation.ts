import { Decimal } from '../money/decimal.js';
import { tickFromData, tickToData, type ObservedTick, type ObservedTickData } from './observed-tick.js';

/**
 * One evaluated moment of an account: a tick that moved a held symbol or a
 * balance change (rule book section 4). `equity` = balance + floating P/L +
 * open swaps + open commissions, as the platform reports it.
 */
export interface EquityObservation {
  readonly balance: Decimal;
  readonly equity: Decimal;
  readonly at: Date;
  /** The tick behind a tick-time observation; absent for a balance change. */
  readonly tick?: ObservedTick | null;
}

export interface EquityObservationData {
  readonly balance: string;
  readonly equity: string;
  readonly at: string;
  readonly tick: ObservedTickData | null;
}

export const observationToData = (observation: EquityObservation): EquityObservationData => ({
  balance: observation.balance.toFixed(),
  equity: observation.equity.toFixed(),
  at: observation.at.toISOString(),
  tick: observation.tick ? tickToData(observation.tick) : null,
});

export const observationFromData = (data: EquityObservationData): EquityObservation => ({
  balance: new Decimal(data.balance),
  equity: new Decimal(data.equity),
  at: new Date(data.at),
  tick: data.tick ? tickFromData(data.tick) : null,
});
