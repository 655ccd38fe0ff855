import type {
  BalanceOperationRequest,
  BalanceOperationResult,
  ClosedPositionsReport,
  CreateTradingAccountRequest,
  Deal,
  DealListener,
  OpenPosition,
  Subscription,
  TradingAccountCredentials,
  TradingAccountState,
  TradingLogin,
  TradingPlatform,
} from '@tradesense/application';
import { DealPump } from '../shared/deal-pump.js';
import type { SimulatedTradingServer } from './simulated-trading-server.js';

const DEFAULT_PAGE = 1_000;

/** The `TradingPlatform` port over the embedded simulated server. */
export class SimulatedTradingPlatform implements TradingPlatform {
  constructor(private readonly server: SimulatedTradingServer) {}

  async createAccount(request: CreateTradingAccountRequest): Promise<TradingAccountCredentials> {
    return this.server.createAccount(request);
  }

  async getAccount(login: TradingLogin): Promise<TradingAccountState> {
    return this.server.account(login);
  }

  async openPositions(login: TradingLogin): Promise<readonly OpenPosition[]> {
    return this.server.positions(login);
  }

  async dealsBetween(login: TradingLogin, from: Date, to: Date): Promise<readonly Deal[]> {
    return this.server.dealsBetween(login, from, to);
  }

  async dealsAfter(login: TradingLogin, afterDealId: string | null, limit = DEFAULT_PAGE): Promise<readonly Deal[]> {
    return this.server.dealsAfter(login, afterDealId, limit);
  }

  subscribeDeals(login: TradingLogin, afterDealId: string | null, listener: DealListener): Subscription {
    const pump = new DealPump((cursor) => this.dealsAfter(login, cursor), listener, afterDealId, {
      pollIntervalMs: null,
      retryDelayMs: 1_000,
    });
    const announcements = this.server.onDeal(login, () => pump.wake());
    pump.start();
    return {
      unsubscribe: () => {
        announcements.unsubscribe();
        pump.unsubscribe();
      },
    };
  }

  async balanceOperation(request: BalanceOperationRequest): Promise<BalanceOperationResult> {
    return this.server.balanceOperation(request);
  }

  async changeGroup(login: TradingLogin, group: string): Promise<void> {
    await this.server.changeGroup(login, group);
  }

  async changeLeverage(login: TradingLogin, leverage: number): Promise<void> {
    await this.server.changeLeverage(login, leverage);
  }

  async disableTrading(login: TradingLogin): Promise<void> {
    await this.server.setTradingEnabled(login, false);
  }

  async enableTrading(login: TradingLogin): Promise<void> {
    await this.server.setTradingEnabled(login, true);
  }

  async closeAllPositions(login: TradingLogin, comment = 'closed by dealer'): Promise<ClosedPositionsReport> {
    return { closed: await this.server.closeAllPositions(login, 'dealer', comment) };
  }
}
