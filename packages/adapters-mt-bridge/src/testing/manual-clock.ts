import type { Clock } from '@tradesense/application';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  #now: Date;

  constructor(start: Date) {
    this.#now = start;
  }

  now(): Date {
    return this.#now;
  }

  set(instant: Date): void {
    this.#now = instant;
  }

  advance(ms: number): Date {
    this.#now = new Date(this.#now.getTime() + ms);
    return this.#now;
  }
}
