import { TradingPlatformError, type MarketOrderFill, type MarketOrderRequest, type OrderExecution, type TradingLogin } from '@tradesense/application';
import type { Decimal } from 'decimal.js';
import type { SimulatedTradingServer } from './simulated-trading-server.js';

/** In-app trading on the simulated server; a position can only be touched through its own account. */
export class SimulatedOrderExecution implements OrderExecution {
  constructor(private readonly server: SimulatedTradingServer) {}

  async placeMarketOrder(request: MarketOrderRequest): Promise<MarketOrderFill> {
    return this.server.placeMarketOrder(request);
  }

  async closePosition(login: TradingLogin, positionId: string): Promise<{ dealId: string }> {
    await this.assertOwnership(login, positionId);
    return { dealId: (await this.server.closePosition(positionId)).dealId };
  }

  async modifyPosition(login: TradingLogin, positionId: string, stops: { stopLoss: Decimal | null; takeProfit: Decimal | null }): Promise<void> {
    await this.assertOwnership(login, positionId);
    await this.server.modifyPosition(positionId, stops);
  }

  private async assertOwnership(login: TradingLogin, positionId: string): Promise<void> {
    const positions = await this.server.positions(login);
    if (!positions.some((p) => p.positionId === positionId)) {
      throw new TradingPlatformError('PLATFORM.POSITION_NOT_FOUND', `No open position ${positionId} on ${login}`, 13);
    }
  }
}
