import { describe, expect, it } from 'vitest';
import { swapDaysAtRollover } from './swap-policy.js';

describe('Swap at rollover (section 13)', () => {
  it('charges one day on weekday rollovers, three on Wednesday, none at weekends or when swap-free', () => {
    // 2026-03-02 is a Monday.
    const week = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'];
    expect(week.map((day) => swapDaysAtRollover(day, false))).toEqual([1, 1, 3, 1, 1, 0, 0]);
    expect(week.map((day) => swapDaysAtRollover(day, true))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
