import type { Decimal } from 'decimal.js';
import { err, floorText, isLossLimitOff, ok, type BreachRecordData, type DomainError, type Result, type TradingAccountOwner, type TradingAccountStatus } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { orExternalFailure } from '../../shared-kernel/external-failure.js';
import { followUp } from '../../shared-kernel/follow-up.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import type { TradingAccountWriter } from '../ports/trading-account-owner-reactions.js';
import { tradingAccountsErrors } from '../trading-accounts-errors.js';
import type { ResumeAccountTrading } from './resume-account-trading.js';

export interface OverrideAccountBreachInput {
  readonly adminId: string;
  readonly login: string;
  readonly reason: string;
}

export interface AccountBreachOverridden {
  readonly login: string;
  readonly owner: TradingAccountOwner;
  readonly status: TradingAccountStatus;
  /** False when the platform did not take the re-enabling now: the worker retries it until it does. */
  readonly tradingEnabled: boolean;
  /** The verdict set aside; it stays on the account, in the stored verdicts and in the audit log. */
  readonly original: BreachRecordData;
  /** The fresh day start the account trades on from. */
  readonly tradingDay: string;
  readonly dayStartBalance: Decimal;
  readonly dayStartEquity: Decimal;
  /** Null for a limit the account's rules have off (a competition without loss limits). */
  readonly dailyLossFloor: Decimal | null;
  readonly maxLossFloor: Decimal | null;
}

/**
 * An admin clears a false breach (docs/rules.md §4), for any kind of
 * account. The breach closed its positions, so the account resumes from the
 * platform's figures now as a fresh day start. In one transaction, under the
 * account's row lock and its version: the override, the figures, the events,
 * the owner's reinstatement, and the audit entry with the admin, the reason
 * and the original verdict (the stored verdict row is left as it is). Only
 * after the commit is trading re-enabled on the platform; the
 * `TradingAccountBreachOverridden` event makes the worker retry that if it
 * fails now. A second override finds no breach: `TRADING_ACCOUNT.NOT_BREACHED`,
 * and nothing changes.
 */
export class OverrideAccountBreach {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly writer: TradingAccountWriter,
    private readonly resume: ResumeAccountTrading,
    private readonly clock: Clock,
  ) {}

  async execute(input: OverrideAccountBreachInput): Promise<Result<AccountBreachOverridden, DomainError>> {
    const found = await this.uow.run((tx) => tx.tradingAccounts.find(input.login));
    if (!found) return err(tradingAccountsErrors.notFound(input.login));
    const login = found.login;
    const outcome = await orExternalFailure(async () => {
      // The platform's figures: after the breach closed the positions, they include every closing deal.
      const figures = await this.platform.getAccount(login);
      const at = this.clock.now();
      return retryOnConflict(() =>
        this.uow.run(async (tx): Promise<Result<Omit<AccountBreachOverridden, 'tradingEnabled'>, DomainError>> => {
          const account = await tx.tradingAccounts.find(login, { lock: true });
          if (!account) return err(tradingAccountsErrors.notFound(login));
          const overridden = account.overrideBreach({ adminId: input.adminId, reason: input.reason, at, balance: figures.balance, equity: figures.equity });
          if (!overridden.ok) return overridden;
          const override = overridden.value;
          const floors = account.floors;
          const view = {
            login,
            owner: account.owner,
            status: account.status,
            original: override.original,
            tradingDay: account.drawdown.tradingDay,
            dayStartBalance: account.drawdown.dayStartBalance,
            dayStartEquity: account.drawdown.dayStartEquity,
            dailyLossFloor: isLossLimitOff(floors.dailyLoss) ? null : floors.dailyLoss.floor,
            maxLossFloor: isLossLimitOff(floors.maxLoss) ? null : floors.maxLoss.floor,
          };
          await tx.accountEquity.update(login, { balance: figures.balance, equity: figures.equity, at });
          await this.writer.save(tx, account, at);
          await tx.audit.append({
            at,
            actorId: input.adminId,
            actorRole: 'admin',
            action: 'trading_account.breach_overridden',
            subjectType: 'trading_account',
            subjectId: login,
            details: {
              owner: account.owner,
              reason: override.reason,
              previousStatus: override.previousStatus,
              breachedAt: override.breachedAt?.toISOString() ?? null,
              original: override.original,
              dayStartBalance: view.dayStartBalance.toFixed(),
              dayStartEquity: view.dayStartEquity.toFixed(),
              dailyLossFloor: floorText(floors.dailyLoss),
              maxLossFloor: floorText(floors.maxLoss),
            },
          });
          return ok(view);
        }),
      );
    });
    if (!outcome.ok) return outcome;
    // Only once the override is committed may the account trade again.
    const enabled = await followUp(() => this.resume.execute({ login }));
    return ok({ ...outcome.value, tradingEnabled: enabled?.ok === true });
  }
}
