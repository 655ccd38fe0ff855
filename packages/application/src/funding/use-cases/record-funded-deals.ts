import { err, ok, type DomainError, type Result, type TradingCalendar } from '@tradesense/domain';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { externalFailure } from '../../shared-kernel/external-failure.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { fundingErrors } from '../funding-errors.js';
import type { FundingSettings } from '../funding-settings.js';
import { isAfterTicket } from '../../shared/deal-ticket.js';
import { feedFundedDeal } from '../shared/funded-position-feed.js';

export interface RecordFundedDealsInput {
  /** One account; every active funded account when absent. */
  readonly fundedAccountId?: string;
}

export interface RecordFundedDealsOutput {
  readonly accounts: number;
  /** Deals taken in (each at most once, however often the feed runs). */
  readonly deals: number;
  /** Accounts whose platform could not be read this time; the next run resumes them. */
  readonly failed: ReadonlyArray<{ readonly fundedAccountId: string; readonly code: string }>;
}

const PAGE = 100;

/**
 * The funded trading feed: deals of funded accounts (positions opened and
 * closed with their net result) feed the FundedAccount, for payout
 * eligibility (open positions, profit) and the monthly profits scaling
 * reviews. Resumes after the last deal ticket taken in; the cursor and the
 * account change commit together, so a deal is never counted twice. It is
 * the one recorder of funded deals: the risk monitor books them only into
 * its in-memory book.
 */
export class RecordFundedDeals {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly calendar: TradingCalendar,
    private readonly settings: FundingSettings,
  ) {}

  async execute(input: RecordFundedDealsInput = {}): Promise<Result<RecordFundedDealsOutput, DomainError>> {
    if (input.fundedAccountId !== undefined) {
      const id = input.fundedAccountId;
      if (!(await this.uow.run((tx) => tx.fundedAccounts.findById(id)))) return err(fundingErrors.fundedAccountNotFound(id));
      const taken = await this.syncAccount(id);
      return taken.ok ? ok({ accounts: 1, deals: taken.value, failed: [] }) : taken;
    }
    let accounts = 0;
    let deals = 0;
    const failed: { fundedAccountId: string; code: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.uow.run((tx) => tx.fundedAccounts.listActive({ after, limit: PAGE }));
      for (const account of page) {
        const taken = await this.syncAccount(account.id);
        accounts++;
        if (taken.ok) deals += taken.value;
        else failed.push({ fundedAccountId: account.id, code: taken.error.code });
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    return ok({ accounts, deals, failed });
  }

  /** Takes in every deal of one account after its cursor; returns how many were new. */
  async syncAccount(fundedAccountId: string): Promise<Result<number, DomainError>> {
    let total = 0;
    for (;;) {
      const start = await this.uow.run(async (tx) => {
        const account = await tx.fundedAccounts.findById(fundedAccountId);
        const cursor = await tx.fundedDealCursors.find(fundedAccountId);
        return account ? { login: account.toState().tradingAccountId, after: cursor?.lastDealId ?? null } : null;
      });
      if (!start) return err(fundingErrors.fundedAccountNotFound(fundedAccountId));
      let batch;
      try {
        batch = await this.platform.dealsAfter(start.login, start.after, this.settings.dealBatchSize);
      } catch (error) {
        const failure = externalFailure(error);
        if (!failure) throw error;
        return err(failure);
      }
      if (batch.length === 0) return ok(total);
      total += await retryOnConflict(() =>
        this.uow.run(async (tx) => {
          const cursor = await tx.fundedDealCursors.lock(fundedAccountId);
          const account = await tx.fundedAccounts.findById(fundedAccountId, { lock: true });
          // Another run may have taken part of this batch in since it was read.
          const fresh = batch.filter((deal) => isAfterTicket(deal.dealId, cursor.lastDealId));
          if (!account || fresh.length === 0) return 0;
          const positions = new Map(cursor.positions);
          for (const deal of fresh) feedFundedDeal(account, positions, deal, this.calendar);
          await tx.fundedAccounts.save(account);
          await tx.fundedDealCursors.save({ fundedAccountId, lastDealId: fresh[fresh.length - 1]!.dealId, positions }, fresh[fresh.length - 1]!.time);
          return fresh.length;
        }),
      );
      if (batch.length < this.settings.dealBatchSize) return ok(total);
    }
  }
}
