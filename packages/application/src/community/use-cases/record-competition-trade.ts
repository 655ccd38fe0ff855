import { err, ok, type DomainError, type Result, type TradingCalendar } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { PriceFeed } from '../../ports/price-feed.js';
import { isTradingPlatformError, type Deal, type TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { communityErrors } from '../community-errors.js';
import { compareTickets } from '../../shared/deal-ticket.js';

export interface RecordCompetitionTradeInput {
  /** A deal of a competition account, as the platform streams it. */
  readonly deal: Deal;
}

export interface RecordCompetitionTradeOutput {
  /** False for deals that are not trades opening a position, and for deals already applied. */
  readonly applied: boolean;
  readonly disqualified: boolean;
  readonly reason: string | null;
}

const NOT_APPLIED: RecordCompetitionTradeOutput = { applied: false, disqualified: false, reason: null };

/**
 * Checks a competition account's trade against the competition rules (trades
 * per trading day, lots per asset class). A breach disqualifies the entry,
 * kept with its reason, and trading on the account is switched off. Deals
 * are applied once each, in ticket order, so a re-delivered deal is ignored.
 */
export class RecordCompetitionTrade {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
    private readonly priceFeed: PriceFeed,
    private readonly platform: TradingPlatform,
  ) {}

  async execute(input: RecordCompetitionTradeInput): Promise<Result<RecordCompetitionTradeOutput, DomainError>> {
    const { deal } = input;
    // A position is opened by an "in" deal (or the opening half of a reversal); closing deals are not new trades.
    const opensPosition = (deal.kind === 'buy' || deal.kind === 'sell') && (deal.entry === 'in' || deal.entry === 'inout');
    if (!opensPosition) return ok(NOT_APPLIED);
    const spec = deal.symbol ? await this.priceFeed.symbol(deal.symbol) : null;
    const assetClass = spec?.assetClass ?? 'unknown';

    const outcome = await retryOnConflict(() =>
      this.uow.run(async (tx): Promise<Result<RecordCompetitionTradeOutput & { entryId: string | null }, DomainError>> => {
        const account = await tx.competitionAccounts.findByLogin(deal.login);
        if (!account) return err(communityErrors.notACompetitionAccount(deal.login));
        if (account.lastDealId !== null && compareTickets(deal.dealId, account.lastDealId) <= 0) {
          return ok({ ...NOT_APPLIED, entryId: null });
        }
        const competition = await tx.competitions.findById(account.competitionId);
        if (!competition) return err(communityErrors.competitionNotFound(account.competitionId));
        const checked = competition.recordTrade(
          { entryId: account.entryId, lots: deal.volume, assetClass, at: deal.time },
          this.calendar,
        );
        if (!checked.ok) return checked;
        await tx.competitions.save(competition);
        await tx.competitionAccounts.advanceDealCursor(account.entryId, deal.dealId);
        await tx.outbox.add(eventsToOutbox('competition', competition.pullEvents()));
        return ok({ applied: true, disqualified: checked.value.disqualified, reason: checked.value.reason, entryId: account.entryId });
      }),
    );
    if (!outcome.ok) return outcome;
    const { entryId, ...result } = outcome.value;
    if (result.disqualified && entryId !== null) await this.stopTrading(deal.login, entryId);
    return ok(result);
  }

  /** Best effort: if the platform is down now, the end-of-competition work switches the account off anyway. */
  private async stopTrading(login: string, entryId: string): Promise<void> {
    try {
      await this.platform.disableTrading(login);
      await this.uow.run((tx) => tx.competitionAccounts.markTradingDisabled([entryId], this.clock.now()));
    } catch (error) {
      if (!isTradingPlatformError(error)) throw error;
    }
  }
}
