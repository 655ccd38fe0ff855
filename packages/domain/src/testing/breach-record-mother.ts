import { Decimal } from '../money/decimal.js';
import type { BreachRecord } from '../drawdown/breach-record.js';
import { QA_INSTANT } from './qa-defaults.js';

/**
 * A breach record (rule book §4) as the breach engine makes it: the daily
 * limit of the 2-Step 100,000 rules (floor 95,000.00) reached at equity
 * 95,000.00 with the balance at 100,000.00, at `QA_INSTANT` in trading day
 * 2026-01-05, no tick. Every field can be overridden.
 */
export function aBreachRecord(overrides: Partial<BreachRecord> = {}): BreachRecord {
  return {
    rule: 'daily_loss',
    floor: new Decimal('95000.00'),
    equity: new Decimal('95000.00'),
    balance: new Decimal('100000.00'),
    tick: null,
    at: QA_INSTANT,
    tradingDay: '2026-01-05',
    inputHash: `sha256:${'0'.repeat(64)}`,
    ...overrides,
  };
}
