import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Decimal } from 'decimal.js';
import type { MarketOrderFill, OrderExecution, OrderSide } from '../../ports/order-execution.js';
import { isTradingPlatformError, type OpenPosition, type TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { tradingErrors } from '../trading-errors.js';
import { traderChallenge, traderFundedAccount } from './trader-account.js';

export interface PlaceTradeInput {
  readonly traderId: string;
  readonly challengeId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly volume: Decimal;
  readonly stopLoss?: Decimal | null;
  readonly takeProfit?: Decimal | null;
}

/** A market order on a trader's funded account. */
export interface PlaceFundedTradeInput extends Omit<PlaceTradeInput, 'challengeId'> {
  readonly fundedAccountId: string;
}

/**
 * In-app trading on a trader's own active account. The platform is the
 * authority on prices, margin and permissions; its refusals come back as
 * typed errors. The resulting deals reach the challenge through the deal feed
 * like any terminal trade, so the rules see one stream.
 */
export class Trade {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly execution: OrderExecution | null,
  ) {}

  async place(input: PlaceTradeInput): Promise<Result<MarketOrderFill, DomainError>> {
    if (!this.execution) return err(tradingErrors.notAvailable());
    const found = await traderChallenge(this.uow, input.traderId, input.challengeId);
    if (!found.ok) return found;
    const challenge = found.value;
    if (challenge.status !== 'active') return err(tradingErrors.accountNotTradable(challenge.status));
    return this.marketOrder(challenge.account!, input, `challenge ${challenge.id}`);
  }

  async close(traderId: string, challengeId: string, positionId: string): Promise<Result<{ dealId: string }, DomainError>> {
    if (!this.execution) return err(tradingErrors.notAvailable());
    const found = await traderChallenge(this.uow, traderId, challengeId);
    if (!found.ok) return found;
    return this.platformCall(() => this.execution!.closePosition(found.value.account!, positionId));
  }

  async positions(traderId: string, challengeId: string): Promise<Result<readonly OpenPosition[], DomainError>> {
    const found = await traderChallenge(this.uow, traderId, challengeId);
    if (!found.ok) return found;
    return this.platformCall(() => this.platform.openPositions(found.value.account!));
  }

  /**
   * The same in-app trading on a funded account (rule book section 5): its
   * deals reach the FundedAccount through the funded deal feed, for payout
   * eligibility and scaling. A breached funded account no longer trades.
   */
  async placeOnFunded(input: PlaceFundedTradeInput): Promise<Result<MarketOrderFill, DomainError>> {
    if (!this.execution) return err(tradingErrors.notAvailable());
    const found = await traderFundedAccount(this.uow, input.traderId, input.fundedAccountId);
    if (!found.ok) return found;
    const account = found.value;
    if (account.status !== 'active') return err(tradingErrors.accountNotTradable(account.status));
    return this.marketOrder(account.toState().tradingAccountId, input, `funded ${account.id}`);
  }

  async closeOnFunded(traderId: string, fundedAccountId: string, positionId: string): Promise<Result<{ dealId: string }, DomainError>> {
    if (!this.execution) return err(tradingErrors.notAvailable());
    const found = await traderFundedAccount(this.uow, traderId, fundedAccountId);
    if (!found.ok) return found;
    const login = found.value.toState().tradingAccountId;
    return this.platformCall(() => this.execution!.closePosition(login, positionId));
  }

  async fundedPositions(traderId: string, fundedAccountId: string): Promise<Result<readonly OpenPosition[], DomainError>> {
    const found = await traderFundedAccount(this.uow, traderId, fundedAccountId);
    if (!found.ok) return found;
    const login = found.value.toState().tradingAccountId;
    return this.platformCall(() => this.platform.openPositions(login));
  }

  private marketOrder(
    login: string,
    input: Omit<PlaceTradeInput, 'traderId' | 'challengeId'>,
    comment: string,
  ): Promise<Result<MarketOrderFill, DomainError>> {
    return this.platformCall(() =>
      this.execution!.placeMarketOrder({
        login,
        symbol: input.symbol,
        side: input.side,
        volume: input.volume,
        stopLoss: input.stopLoss ?? null,
        takeProfit: input.takeProfit ?? null,
        comment,
      }),
    );
  }

  private async platformCall<T>(call: () => Promise<T>): Promise<Result<T, DomainError>> {
    try {
      return ok(await call());
    } catch (error) {
      if (isTradingPlatformError(error)) {
        if (error.code === 'PLATFORM.POSITION_NOT_FOUND') return err(tradingErrors.accountNotFound());
        if (error.code === 'PLATFORM.UNAVAILABLE') throw error;
        return err(tradingErrors.rejected(error.code, error.message));
      }
      throw error;
    }
  }
}
