import {
  PayoutErrorCode,
  domainError,
  err,
  ok,
  type DomainError,
  type PayoutView,
  type Result,
  type TradingCalendar,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { OpenPosition, TradingAccountState, TradingPlatform } from '../../ports/trading-platform.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { orExternalFailure } from '../../shared-kernel/external-failure.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import type { TradingAccountWriter } from '../../trading-accounts/ports/trading-account-owner-reactions.js';
import { bookOnTradingAccount, breachPending } from '../shared/book-on-trading-account.js';
import { fundingErrors } from '../funding-errors.js';
import type { FundingLinks } from '../shared/funding-links.js';
import { payoutStatusEmail } from '../shared/payout-status-email.js';
import { traderProfile } from '../shared/trader-profile.js';
import type { RecordFundedDeals } from './record-funded-deals.js';

export interface RequestPayoutInput {
  readonly userId: string;
  readonly fundedAccountId: string;
  /**
   * The caller's id for this request (e.g. from an Idempotency-Key). A retry
   * with the same id returns the payout already requested and never withdraws
   * twice; absent, a new id is made.
   */
  readonly payoutId?: string;
}

/** The trading account's own deal feed caught up for one login (its firm days' net profit feed the consistency check). */
export interface AccountDealsCatchUp {
  execute(input: { readonly login: string }): Promise<Result<unknown, DomainError>>;
}

/**
 * A trader asks for a payout (section 5). The account's deal feed is caught
 * up first and the open positions are read from the platform; the domain
 * decides eligibility (payout days in the firm calendar, no open positions,
 * profit > 0) and the amounts. The whole profit is withdrawn from the
 * trading account (client operation id = payout id, so a retry is replayed by
 * the platform, not booked again) inside the transaction that records the
 * payout: a withdrawal the platform refuses rolls the request back, and the
 * row lock makes concurrent requests queue. With the consistency rule on in
 * the snapshot (rule book §14) the request is refused when the period's best
 * day holds more than its share of the period's net profit.
 */
export class RequestPayout {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly deals: RecordFundedDeals,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
    private readonly links: FundingLinks,
    private readonly tradingAccounts: TradingAccountWriter,
    private readonly accountDeals: AccountDealsCatchUp,
  ) {}

  async execute(input: RequestPayoutInput): Promise<Result<PayoutView, DomainError>> {
    const known = await this.uow.run((tx) => tx.fundedAccounts.findById(input.fundedAccountId));
    if (!known || known.traderId !== input.userId) return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
    const payoutId = input.payoutId ?? this.ids.newId();
    const replayed = known.payout(payoutId);
    if (replayed) return ok(replayed);
    const login = known.toState().tradingAccountId;
    const synced = await this.deals.syncAccount(known.id);
    if (!synced.ok) return synced;
    const caughtUp = await this.accountDeals.execute({ login });
    if (!caughtUp.ok) return caughtUp;
    const live = await orExternalFailure(async () =>
      ok<{ state: TradingAccountState; positions: readonly OpenPosition[] }>({
        state: await this.platform.getAccount(login),
        positions: await this.platform.openPositions(login),
      }),
    );
    if (!live.ok) return live;
    const at = this.clock.now();
    return orExternalFailure(() =>
      retryOnConflict(() =>
        this.uow.run(async (tx): Promise<Result<PayoutView, DomainError>> => {
          const account = await tx.fundedAccounts.findById(input.fundedAccountId, { lock: true });
          if (!account) return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
          const existing = account.payout(payoutId);
          if (existing) return ok(existing);
          // A caller's id already used on another account: never book under someone else's operation id.
          if (input.payoutId !== undefined && (await tx.fundedAccounts.findByPayoutId(payoutId))) {
            return err(domainError(PayoutErrorCode.DUPLICATE_ID, 'A payout with this id exists', { payoutId }));
          }
          const trader = await traderProfile(tx, account.traderId);
          if (!trader) return err(sharedErrors.userNotFound(account.traderId));
          if (live.value.positions.length > 0) {
            // The platform is the authority on open positions, even before the feed has seen them.
            const eligibility = account.payoutEligibility(at, this.calendar);
            const reasons = [...new Set([...eligibility.reasons, 'OPEN_POSITIONS'])];
            return err(
              domainError(PayoutErrorCode.NOT_ELIGIBLE, 'The account is not eligible for a payout', {
                reasons,
                eligibleFrom: eligibility.eligibleFrom.toISOString(),
                profit: eligibility.profit.toFixed(),
              }),
            );
          }
          const recordedBalance = account.balance;
          const pending = await breachPending(tx, login);
          // The payout period runs from the later of the funded start and the previous request (one not rejected).
          const previous = account
            .payouts()
            .filter((p) => p.status !== 'rejected')
            .reduce<Date | null>((latest, p) => (latest === null || p.requestedAt > latest ? p.requestedAt : latest), null);
          const requested = account.requestPayout({ payoutId, actor: input.userId, at, breachPending: pending }, this.calendar);
          if (!requested.ok) return requested;
          const consistent = await this.consistency(tx, login, previous ?? account.openedAt, at);
          if (!consistent.ok) return consistent;
          const payout = requested.value;
          if (live.value.state.balance.lessThan(recordedBalance.amount)) {
            return err(fundingErrors.balanceMismatch(recordedBalance.toFixed(), live.value.state.balance.toFixed(2)));
          }
          await tx.fundedAccounts.save(account);
          await tx.outbox.add([
            ...eventsToOutbox('funded_account', account.pullEvents()),
            payoutStatusEmail(payout, account.id, trader, this.links, at),
          ]);
          const withdrawn = { cause: 'payout_withdrawal', amount: payout.profit.negated(), at, allocation: null } as const;
          const booked = await bookOnTradingAccount(tx, this.tradingAccounts, login, withdrawn);
          if (!booked.ok) return booked;
          const withdrawal = await this.platform.balanceOperation({
            login,
            kind: 'withdrawal',
            amount: payout.profit.amount,
            clientOperationId: payoutId,
            comment: `Payout ${payout.number}`,
          });
          await tx.fundedBalanceOperations.record({
            clientOperationId: payoutId,
            fundedAccountId: account.id,
            login,
            kind: 'payout_withdrawal',
            amount: withdrawal.amount,
            dealId: withdrawal.dealId,
            bookedAt: at,
          });
          return ok(payout);
        }),
      ),
    );
  }

  /**
   * Consistency at a payout request (docs/rules.md §14): with the rule on in
   * the snapshot, the best firm trading day of the period may hold at most X%
   * of the period's net profit; otherwise the request is refused with the
   * total still needed. Nothing is checked when the rule is off.
   */
  private async consistency(tx: TransactionScope, login: string, since: Date, at: Date): Promise<Result<void, DomainError>> {
    const tradingAccount = await tx.tradingAccounts.find(login);
    if (!tradingAccount) return err(fundingErrors.fundedLoginNotFound(login));
    const period = { from: this.calendar.tradingDayOf(since), to: this.calendar.tradingDayOf(at) };
    const check = tradingAccount.consistencyAtPayoutRequest(period);
    if (!check || check.allowed) return ok(undefined);
    return err(fundingErrors.consistencyNotMet(check, period));
  }
}
