import type { Decimal } from 'decimal.js';
import {
  err,
  ok,
  type BreachRecordData,
  type DomainError,
  type FundedAccountStatus,
  type Result,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { orExternalFailure } from '../../shared-kernel/external-failure.js';
import { followUp } from '../../shared-kernel/follow-up.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { fundingErrors } from '../funding-errors.js';
import type { FundedRiskWriter } from '../shared/funded-risk-writer.js';
import type { ResumeFundedTrading } from './resume-funded-trading.js';

export interface OverrideFundedBreachInput {
  readonly adminId: string;
  readonly fundedAccountId: string;
  readonly reason: string;
}

export interface FundedBreachOverridden {
  readonly fundedAccountId: string;
  readonly status: FundedAccountStatus;
  /** The login trading is re-enabled on. */
  readonly account: string;
  /** False when the platform did not take the re-enabling now: the worker retries it until it does. */
  readonly tradingEnabled: boolean;
  /** The verdict set aside; it stays in the account, the stored verdicts and the audit log. */
  readonly original: BreachRecordData;
  /** The fresh day start the account trades on from. */
  readonly tradingDay: string;
  readonly dayStartBalance: Decimal;
  readonly dayStartEquity: Decimal;
  readonly dailyLossFloor: Decimal;
  readonly maxLossFloor: Decimal;
}

/**
 * An admin clears a false breach of a funded account (rule book section 4).
 * The breach closed its positions, so the account resumes from the trading
 * account's figures now, read from the platform, as a fresh day start. In
 * one transaction, under the account's row lock and its version: the
 * override, the figures, the events, and the audit entry with the admin, the
 * reason and the original verdict (the stored verdict row is left as it
 * is). Only after the commit is trading re-enabled on the platform; the
 * `FundedAccountBreachOverridden` event makes the worker retry that if it
 * fails now. A second override finds the account active:
 * `FUNDED.NOT_BREACHED`, and nothing changes.
 */
export class OverrideFundedBreach {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly writer: FundedRiskWriter,
    private readonly resume: ResumeFundedTrading,
    private readonly clock: Clock,
  ) {}

  async execute(input: OverrideFundedBreachInput): Promise<Result<FundedBreachOverridden, DomainError>> {
    const found = await this.uow.run((tx) => tx.fundedAccounts.findById(input.fundedAccountId));
    if (!found) return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
    const login = found.login;
    const outcome = await orExternalFailure(async () => {
      // The platform's figures: after the breach closed the positions, they include every closing deal.
      const figures = await this.platform.getAccount(login);
      const at = this.clock.now();
      return retryOnConflict(() =>
        this.uow.run(async (tx): Promise<Result<Omit<FundedBreachOverridden, 'tradingEnabled'>, DomainError>> => {
          const account = await tx.fundedAccounts.findById(input.fundedAccountId, { lock: true });
          if (!account) return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
          const breachedAt = account.toState().breach?.at ?? null;
          const overridden = account.overrideBreach({ adminId: input.adminId, reason: input.reason, at, balance: figures.balance, equity: figures.equity });
          if (!overridden.ok) return overridden;
          const override = account.breachOverrides.at(-1)!;
          const floors = account.floors;
          const view = {
            fundedAccountId: account.id,
            status: account.status,
            account: login,
            original: override.original,
            tradingDay: account.drawdown.tradingDay,
            dayStartBalance: account.drawdown.dayStartBalance,
            dayStartEquity: account.drawdown.dayStartEquity,
            dailyLossFloor: floors.dailyLoss.floor,
            maxLossFloor: floors.maxLoss.floor,
          };
          await tx.accountEquity.update(login, { balance: figures.balance, equity: figures.equity, at });
          await this.writer.save(tx, account, at);
          await tx.audit.append({
            at,
            actorId: input.adminId,
            actorRole: 'admin',
            action: 'funded_account.breach_overridden',
            subjectType: 'funded_account',
            subjectId: account.id,
            details: {
              reason: override.reason,
              previousStatus: 'breached',
              breachedAt: breachedAt?.toISOString() ?? null,
              original: override.original,
              login,
              dayStartBalance: view.dayStartBalance.toFixed(),
              dayStartEquity: view.dayStartEquity.toFixed(),
              dailyLossFloor: view.dailyLossFloor.toFixed(),
              maxLossFloor: view.maxLossFloor.toFixed(),
            },
          });
          return ok(view);
        }),
      );
    });
    if (!outcome.ok) return outcome;
    // Only once the override is committed may the account trade again.
    const enabled = await followUp(() => this.resume.execute({ fundedAccountId: outcome.value.fundedAccountId }));
    return ok({ ...outcome.value, tradingEnabled: enabled?.ok === true });
  }
}
