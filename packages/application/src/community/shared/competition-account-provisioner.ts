import type { Decimal } from 'decimal.js';
import type { Clock } from '../../ports/clock.js';
import { isTradingPlatformError, type TradingAccountCredentials, type TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';

/** Where competition accounts live on the trading platform. */
export interface CompetitionAccountSettings {
  readonly group: string;
  /** The `N` of `1:N`. */
  readonly leverage: number;
}

export const DEFAULT_COMPETITION_ACCOUNT: CompetitionAccountSettings = { group: 'competition', leverage: 100 };

export interface ProvisionRequest {
  readonly entryId: string;
  readonly initialBalance: Decimal;
  readonly name: string;
  readonly email: string;
  readonly country: string;
  /** When the competition starts: an account made earlier stays switched off until then. */
  readonly tradingFrom: Date;
}

/**
 * Creates the trading account of a claimed competition entry and records its
 * login. The platform offers no idempotency key for account creation, so the
 * claim row decides who records the login: a loser of that race disables the
 * account it created, which then holds no entry. Before the start the account
 * cannot trade (profits made early would count from the first reading);
 * `closeCompetitions` switches it on when the competition becomes active.
 */
export class CompetitionAccountProvisioner {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly clock: Clock,
    private readonly settings: CompetitionAccountSettings = DEFAULT_COMPETITION_ACCOUNT,
  ) {}

  async provision(request: ProvisionRequest): Promise<TradingAccountCredentials | null> {
    const credentials = await this.platform.createAccount({
      group: this.settings.group,
      leverage: this.settings.leverage,
      initialBalance: request.initialBalance,
      swapFree: false,
      name: request.name,
      email: request.email,
      country: request.country,
    });
    const recorded = await this.uow.run((tx) =>
      tx.competitionAccounts.recordProvisioned(request.entryId, credentials.login, credentials.group, this.clock.now()),
    );
    if (!recorded) {
      await this.platform.disableTrading(credentials.login);
      return null;
    }
    if (this.clock.now() < request.tradingFrom) {
      try {
        await this.platform.disableTrading(credentials.login);
        await this.uow.run((tx) => tx.competitionAccounts.markTradingDisabled([request.entryId], this.clock.now()));
      } catch (error) {
        // The account is recorded and its credentials must reach the trader; it merely trades early.
        if (!isTradingPlatformError(error)) throw error;
      }
    }
    return credentials;
  }
}
