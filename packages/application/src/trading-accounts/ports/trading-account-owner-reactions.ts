import type { TradingAccount, TradingAccountEvent, TradingAccountOwner, TradingAccountOwnerKind } from '@tradesense/domain';
import type { TransactionScope } from '../../ports/unit-of-work.js';

/**
 * What an owner context publishes to follow its trading accounts: in the
 * transaction that saved the account, it reacts to the account's new
 * events (a challenge fails on `TradingAccountBreached`, a funded account
 * ends, a competition entry is disqualified; an override reinstates them).
 * The reaction commits with the account's change or not at all, so an owner
 * never misses or repeats one.
 */
export interface TradingAccountOwnerReactions {
  readonly kind: TradingAccountOwnerKind;
  react(tx: TransactionScope, account: TradingAccount, events: readonly TradingAccountEvent[]): Promise<void>;
  /**
   * Once those events are committed: the owner's steps that talk to the
   * platform (a passed phase's next account), which must not run inside the
   * transaction. Idempotent; a failure is the owner's to retry.
   */
  afterCommit?(owner: TradingAccountOwner, events: readonly TradingAccountEvent[]): Promise<void>;
}

/** The reactions of every owner kind that has its accounts watched. */
export type TradingAccountOwners = Partial<Record<TradingAccountOwnerKind, TradingAccountOwnerReactions>>;

/**
 * Saves a trading account with everything its new events imply, in the
 * caller's transaction: a detected breach's verdict inputs, the events and
 * the e-mails they call for in the outbox, and the owner's reaction. The one
 * way any context saves a trading account it changed (a payout's balance
 * operation, an activation).
 */
export interface TradingAccountWriter {
  save(tx: TransactionScope, account: TradingAccount, at: Date): Promise<TradingAccountEvent[]>;
  /** Runs the owner's after-commit steps for events `save` returned, once their transaction committed. */
  afterCommit(owner: TradingAccountOwner, events: readonly TradingAccountEvent[]): Promise<void>;
}
