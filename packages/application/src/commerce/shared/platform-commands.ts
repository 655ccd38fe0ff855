import type { OutboxMessage } from '../../ports/outbox.js';
import type { TradingLogin } from '../../ports/trading-platform.js';

/** The outbox topic whose handler disables trading on an account (retried until the platform confirms). */
export const DISABLE_TRADING_TOPIC = 'platform.disable_trading';

export function disableTradingMessage(input: {
  readonly login: TradingLogin;
  readonly reason: string;
  readonly challengeId: string | null;
  readonly at: Date;
}): OutboxMessage {
  return {
    topic: DISABLE_TRADING_TOPIC,
    aggregateType: 'trading_account',
    aggregateId: input.login,
    payload: { login: input.login, reason: input.reason, challengeId: input.challengeId },
    occurredAt: input.at,
  };
}
