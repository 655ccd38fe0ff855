import { err, ok, type DomainError, type Result, type TradingAccount, type TradingAccountOwner } from '@tradesense/domain';
import type { Decimal } from 'decimal.js';
import type { MarketOrderFill, OrderExecution, OrderSide } from '../../ports/order-execution.js';
import { isTradingPlatformError, type OpenPosition, type TradingPlatform } from '../../ports/trading-platform.js';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { clientActivityEntry, type ClientContext } from '../../identity/ports/client-activity.js';
import { tradingErrors } from '../trading-errors.js';
import { traderTradingAccount } from './trader-account.js';

export interface PlaceTradeInput {
  readonly traderId: string;
  /** The platform login of one of the trader's watched trading accounts. */
  readonly login: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly volume: Decimal;
  readonly stopLoss?: Decimal | null;
  readonly takeProfit?: Decimal | null;
  /** Where the order came from; recorded once the platform filled it. */
  readonly client?: ClientContext;
}

/** Told of an accepted trade whose client activity could not be recorded (the trade stands). */
export type UnrecordedActivityReport = (error: unknown, login: string) => void;

/** What the order's platform comment names, so a deal in the terminal says whose account it traded. */
function orderComment(owner: TradingAccountOwner): string {
  switch (owner.kind) {
    case 'challenge_phase':
      return `challenge ${owner.id}`;
    case 'funded_account':
      return `funded ${owner.id}`;
    case 'competition_entry':
      return `competition entry ${owner.id}`;
  }
}

/**
 * In-app trading on a trader's own watched trading account, by its login,
 * whatever the account belongs to (a challenge's phase, a funded account, a
 * competition entry). The platform is the authority on prices, margin and
 * permissions; its refusals come back as typed errors. The resulting deals
 * reach the account through the deal feed like any terminal trade, so the
 * rules and the owner see one stream. Each order the platform accepted is
 * recorded with where its client came from (docs/rules.md §15).
 */
export class Trade {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly execution: OrderExecution | null,
    private readonly clock: Clock,
    private readonly unrecorded: UnrecordedActivityReport = () => undefined,
  ) {}

  /**
   * A market order, accepted only while the account trades: a breach the
   * risk engine detected stops new orders at once, before its handling ends
   * the account (docs/rules.md §4); a closed account (its phase passed or
   * ended) takes none either.
   */
  async place(input: PlaceTradeInput): Promise<Result<MarketOrderFill, DomainError>> {
    if (!this.execution) return err(tradingErrors.notAvailable());
    const found = await traderTradingAccount(this.uow, input.traderId, input.login);
    if (!found.ok) return found;
    const account = found.value;
    if (!account.isTrading) return err(tradingErrors.accountNotTradable(tradingStatus(account)));
    const placed = await this.platformCall(() =>
      this.execution!.placeMarketOrder({
        login: account.login,
        symbol: input.symbol,
        side: input.side,
        volume: input.volume,
        stopLoss: input.stopLoss ?? null,
        takeProfit: input.takeProfit ?? null,
        comment: orderComment(account.owner),
      }),
    );
    if (placed.ok && input.client) await this.recordTrade(input.traderId, account.login, input.client);
    return placed;
  }

  /** Closing stays open to the owner whatever the account's state: it only ever reduces exposure. */
  async close(traderId: string, login: string, positionId: string, client?: ClientContext): Promise<Result<{ dealId: string }, DomainError>> {
    if (!this.execution) return err(tradingErrors.notAvailable());
    const found = await traderTradingAccount(this.uow, traderId, login);
    if (!found.ok) return found;
    const closed = await this.platformCall(() => this.execution!.closePosition(found.value.login, positionId));
    if (closed.ok && client) await this.recordTrade(traderId, found.value.login, client);
    return closed;
  }

  async positions(traderId: string, login: string): Promise<Result<readonly OpenPosition[], DomainError>> {
    const found = await traderTradingAccount(this.uow, traderId, login);
    if (!found.ok) return found;
    return this.platformCall(() => this.platform.openPositions(found.value.login));
  }

  /**
   * The order is the fact and already happened on the platform; this entry
   * is only evidence about it. So it is written after the fill, in its own
   * short transaction, and a failure to write it is reported, never turned
   * into a failed trade.
   */
  private async recordTrade(traderId: string, login: string, client: ClientContext): Promise<void> {
    try {
      const entry = clientActivityEntry(traderId, 'trade', login, client, this.clock.now());
      await this.uow.run((tx) => tx.clientActivity.record(entry));
    } catch (error) {
      this.unrecorded(error, login);
    }
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

/** An account whose breach was detected but not yet handled is still `active` in storage; to the trader it is breached. */
function tradingStatus(account: TradingAccount): string {
  return account.breach ? 'breached' : account.status;
}
