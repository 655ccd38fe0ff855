import type { Clock } from '@tradesense/application';

/** The wall clock; everything below the composition root receives a Clock instead. */
export const systemClock: Clock = { now: () => new Date() };
