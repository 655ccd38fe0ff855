import type { OutboxHandler } from '../../ports/outbox-handler.js';
import type { StoredOutboxMessage } from '../../ports/outbox.js';
import { isTradingPlatformError, type TradingPlatform } from '../../ports/trading-platform.js';
import { DISABLE_TRADING_TOPIC } from '../shared/platform-commands.js';

/**
 * Switches trading off on an account after the state change that requires
 * it committed (a refunded challenge, an ended trial, an account nobody
 * should use). Disabling twice is harmless, so redelivery is safe; an
 * account the platform no longer knows needs nothing more.
 */
export class DisableTradingOnPlatform implements OutboxHandler {
  readonly topics: readonly string[] = [DISABLE_TRADING_TOPIC];

  constructor(private readonly platform: TradingPlatform) {}

  async handle(message: StoredOutboxMessage): Promise<void> {
    const login = message.payload['login'];
    if (typeof login !== 'string' || login === '') throw new Error(`${message.topic} ${message.id}: missing login`);
    try {
      await this.platform.disableTrading(login);
    } catch (error) {
      if (isTradingPlatformError(error, 'PLATFORM.ACCOUNT_NOT_FOUND')) return;
      throw error;
    }
  }
}
