import type { Tick } from '@tradesense/application';

/**
 * Where the simulator's ticks come from. `ticksUntil` hands over, in time
 * order, every tick not yet handed over whose time is at or before `instant`.
 */
export interface PriceSource {
  ticksUntil(instant: Date): readonly Tick[];
}
