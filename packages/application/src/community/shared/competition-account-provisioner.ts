import type { Decimal } from 'decimal.js';
import { TradingAccount, unwrap, type TradingAccountEvent, type TradingAccountOwner, type TradingCalendar } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import { isTradingPlatformError, type TradingAccountCredentials, type TradingPlatform } from '../../ports/trading-platform.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import type { TradingAccountWriter } from '../../trading-accounts/ports/trading-account-owner-reactions.js';

/** Where competition accounts live on the trading platform. */
export interface CompetitionAccountSettings {
  readonly group: string;
  /** The `N` of `1:N`. */
  readonly leverage: number;
}

export const DEFAULT_COMPETITION_ACCOUNT: CompetitionAccountSettings = { group: 'competition', leverage: 100 };

export interface ProvisionRequest {
  readonly competitionId: string;
  readonly entryId: string;
  /** The trader the entry belongs to. */
  readonly userId: string;
  readonly initialBalance: Decimal;
  readonly name: string;
  readonly email: string;
  readonly country: string;
  /** When the competition starts: an account made earlier stays switched off until then. */
  readonly tradingFrom: Date;
}

/**
 * Creates the trading account of a claimed competition entry and records its
 * login, and in the same transaction opens the `TradingAccount` the risk
 * engine watches on that login (owner `competition_entry`), under the
 * competition's rule snapshot: its initial balance and loss limits (none by
 * default) in the firm calendar. The platform offers no idempotency key for account creation, so the
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
    private readonly calendar: TradingCalendar,
    private readonly tradingAccounts: TradingAccountWriter,
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
    const owner: TradingAccountOwner = { kind: 'competition_entry', id: request.entryId, competitionId: request.competitionId };
    const recorded = await this.uow.run(async (tx): Promise<TradingAccountEvent[] | null> => {
      const at = this.clock.now();
      if (!(await tx.competitionAccounts.recordProvisioned(request.entryId, credentials.login, credentials.group, at))) return null;
      return this.watch(tx, request, owner, credentials.login, at);
    });
    if (!recorded) {
      await this.platform.disableTrading(credentials.login);
      return null;
    }
    await this.tradingAccounts.afterCommit(owner, recorded);
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

  /** Opens the watched trading account of the entry on its new login. */
  private async watch(
    tx: TransactionScope,
    request: ProvisionRequest,
    owner: TradingAccountOwner,
    login: string,
    at: Date,
  ): Promise<TradingAccountEvent[]> {
    const competition = await tx.competitions.findById(request.competitionId);
    // The claim row references its competition, which is never deleted.
    if (!competition) throw new Error(`Competition ${request.competitionId} of entry ${request.entryId} not found`);
    const rules = competition.ruleSnapshot(this.calendar.settings());
    // The login is the platform's, non-empty: opening cannot be refused.
    const account = unwrap(TradingAccount.open({ login, traderId: request.userId, owner, rules, at }));
    return this.tradingAccounts.save(tx, account, at);
  }
}
