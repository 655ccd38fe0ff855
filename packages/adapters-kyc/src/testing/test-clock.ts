/** A fixed instant for tests. */
export class TestClock {
  constructor(private current: Date) {}
  now(): Date {
    return this.current;
  }
}
