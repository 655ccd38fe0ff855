import type { OutboxHandler } from '../ports/outbox-handler.js';
import type { StoredOutboxMessage } from '../ports/outbox.js';
import { settleFollowUp } from '../shared/settle-follow-up.js';
import type { CloseViolatingPositions } from './use-cases/close-violating-positions.js';

/** The violation is gone with its account: there is nothing left to close for it. */
const SETTLED = new Set(['TRADING_ACCOUNT.NO_VIOLATION']);

/**
 * Closes on the platform the positions a `close` restriction names
 * (`TradingAccountPositionCloseRequired`, keyed by its violation id). The
 * use case records the closing on the violation, so a redelivered message
 * closes nothing twice; a platform that cannot close one position leaves the
 * message to be retried, then parked for an admin.
 */
export class TradingAccountPositionCloseHandler implements OutboxHandler {
  readonly topics = ['TradingAccountPositionCloseRequired'] as const;

  constructor(private readonly useCases: { readonly closeViolatingPositions: CloseViolatingPositions }) {}

  async handle(message: StoredOutboxMessage): Promise<void> {
    if (message.topic !== 'TradingAccountPositionCloseRequired') {
      throw new Error(`TradingAccountPositionCloseHandler does not handle ${message.topic}`);
    }
    const payload = message.payload as { login?: unknown; violationId?: unknown };
    const login = String(payload.login ?? message.aggregateId);
    const violationId = String(payload.violationId);
    settleFollowUp(await this.useCases.closeViolatingPositions.execute({ login, violationId }), SETTLED);
  }
}
