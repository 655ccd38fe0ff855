import { Decimal } from 'decimal.js';
import { breachFromData, type Challenge, type TradingAccount, type TradingAccountEvent, type TradingAccountOwner } from '@tradesense/domain';
import type { TransactionScope } from '../../ports/unit-of-work.js';
import type { TradingAccountOwnerReactions } from '../../trading-accounts/ports/trading-account-owner-reactions.js';
import type { ChallengeStore } from '../ports/challenge-store.js';
import type { PassPhase } from '../use-cases/pass-phase.js';

/** Trading-account events a challenge follows. */
const FOLLOWED: ReadonlySet<TradingAccountEvent['type']> = new Set([
  'TradingAccountDealRecorded',
  'TradingDayRolled',
  'TradingAccountBreached',
  'TradingAccountBreachOverridden',
]);

/**
 * How a challenge follows its phases' trading accounts (docs/rules.md §3, §4):
 * an opening deal counts its trading day, a closing deal and each day start
 * check the phase target (and the inactivity limit), a handled breach fails
 * the challenge and an admin's override reinstates it. Facts from a login
 * that is no longer the current phase's change nothing (the aggregate checks
 * the login). Everything commits with the trading account's change.
 */
export class ChallengeReactions implements TradingAccountOwnerReactions {
  readonly kind = 'challenge_phase' as const;
  private passPhase: PassPhase | null = null;

  constructor(private readonly store: () => ChallengeStore) {}

  /** The next phase's start, run once a pass is committed (built after the reactions, so given later). */
  startNextPhaseWith(passPhase: PassPhase): void {
    this.passPhase = passPhase;
  }

  async react(tx: TransactionScope, account: TradingAccount, events: readonly TradingAccountEvent[]): Promise<void> {
    const followed = events.filter((event) => FOLLOWED.has(event.type));
    if (followed.length === 0) return;
    const challenge = await tx.challenges.findById(account.owner.id, { lock: true });
    if (!challenge) return;
    let at = followed[0]!.occurredAt;
    for (const event of followed) {
      at = event.occurredAt;
      apply(challenge, account, event);
    }
    await this.store().save(tx, challenge, at);
  }

  /** A phase passed by a deal or at a reset starts the next one on a fresh account (PassPhase is idempotent). */
  async afterCommit(owner: TradingAccountOwner, events: readonly TradingAccountEvent[]): Promise<void> {
    if (!this.passPhase || !events.some((event) => event.type === 'TradingAccountDealRecorded' || event.type === 'TradingDayRolled')) return;
    await this.passPhase.startIfPassed(owner.id);
  }
}

function apply(challenge: Challenge, account: TradingAccount, event: TradingAccountEvent): void {
  const login = account.login;
  switch (event.type) {
    case 'TradingAccountDealRecorded': {
      const { action, tradingDay, balance, openPositions } = event.payload;
      challenge.recordTradingActivity({ account: login, action, at: event.occurredAt, tradingDay, balance: new Decimal(balance), openPositions });
      return;
    }
    case 'TradingDayRolled':
      challenge.recordTradingDayStarted({
        account: login,
        day: event.payload.tradingDay,
        at: event.occurredAt,
        balance: new Decimal(event.payload.dayStartBalance),
        openPositions: account.openPositions.length,
      });
      return;
    case 'TradingAccountBreached':
      challenge.failOnBreach(breachFromData(event.payload.breach), event.occurredAt, login);
      return;
    case 'TradingAccountBreachOverridden':
      challenge.reinstateAfterOverride({
        adminId: event.payload.adminId,
        reason: event.payload.reason,
        at: event.occurredAt,
        original: event.payload.original,
        account: login,
      });
      return;
    default:
      return;
  }
}
