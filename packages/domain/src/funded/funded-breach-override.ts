import type { BreachRecordData } from '../drawdown/breach-record.js';

/**
 * An admin's clearing of a false breach of a funded account (rule book
 * section 4), kept with the account for good: the original verdict is never
 * dropped, only followed by the decision to set it aside.
 */
export interface FundedBreachOverrideData {
  readonly adminId: string;
  readonly reason: string;
  readonly at: Date;
  /** When the account had ended on the breach. */
  readonly breachedAt: Date;
  /** The verdict set aside, exactly as it was recorded. */
  readonly original: BreachRecordData;
  /** The trading account's figures the account resumed from (its new day start), as decimal strings. */
  readonly balance: string;
  readonly equity: string;
}
