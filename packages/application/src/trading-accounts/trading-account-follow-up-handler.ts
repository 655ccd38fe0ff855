import type { OutboxHandler } from '../ports/outbox-handler.js';
import type { StoredOutboxMessage } from '../ports/outbox.js';
import { settleFollowUp } from '../shared/settle-follow-up.js';
import type { ResumeAccountTrading } from './use-cases/resume-account-trading.js';

/** Refusals that settle the follow-up for good: the account is gone, or trades no more (breached again, closed). */
const SETTLED = new Set(['TRADING_ACCOUNT.NOT_FOUND', 'TRADING_ACCOUNT.NOT_ACTIVE']);

/**
 * Re-enables trading on a login whose breach an admin cleared, when the
 * attempt right after the override failed (the platform was out of reach).
 * Enabling is idempotent, so a redelivery repeats it harmlessly. An
 * override written before risk moved to trading accounts
 * (`FundedAccountBreachOverridden`, `ChallengeBreachOverridden`, the login in
 * `account`) is followed up the same way, so none waiting in the outbox is lost.
 */
export class TradingAccountFollowUpHandler implements OutboxHandler {
  readonly topics = ['TradingAccountBreachOverridden', 'FundedAccountBreachOverridden', 'ChallengeBreachOverridden'] as const;

  constructor(private readonly useCases: { readonly resumeAccountTrading: ResumeAccountTrading }) {}

  async handle(message: StoredOutboxMessage): Promise<void> {
    const login = loginOf(message);
    return settleFollowUp(await this.useCases.resumeAccountTrading.execute({ login }), SETTLED);
  }
}

function loginOf(message: StoredOutboxMessage): string {
  switch (message.topic) {
    case 'TradingAccountBreachOverridden':
      return String(message.aggregateId);
    case 'FundedAccountBreachOverridden':
    case 'ChallengeBreachOverridden':
      return String((message.payload as { account?: unknown }).account);
    default:
      throw new Error(`TradingAccountFollowUpHandler does not handle ${message.topic}`);
  }
}
