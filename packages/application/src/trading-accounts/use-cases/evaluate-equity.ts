import { Decimal } from 'decimal.js';
import {
  TradingAccountErrorCode,
  isLossLimitOff,
  breachToData,
  err,
  ok,
  type BreachRecordData,
  type DomainError,
  type LossLimitName,
  type ObservedTick,
  type Result,
  type TradingAccountEvent,
  type TradingAccountOwner,
  type VerdictKind,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import type { TradingAccountWriter } from '../ports/trading-account-owner-reactions.js';
import { tradingAccountsErrors } from '../trading-accounts-errors.js';
import type { AccountBreachHandled, HandleAccountBreach } from './handle-account-breach.js';

export interface EvaluateEquityInput {
  readonly login: string;
  readonly balance: Decimal | string;
  /** balance + floating P/L + open swaps + open commissions. */
  readonly equity: Decimal | string;
  /** When the figures held; defaults to now. */
  readonly at?: Date;
  /** The tick that moved a held symbol (absent for a balance change or a reset). */
  readonly tick?: ObservedTick | null;
}

export interface AccountEquityEvaluation {
  readonly login: string;
  readonly owner: TradingAccountOwner;
  readonly verdict: VerdictKind;
  /** Null for a limit the account's rules have off (a competition without loss limits). */
  readonly dailyLossFloor: string | null;
  readonly maxLossFloor: string | null;
  /** The early warnings this observation raised (each once per limit per trading day). */
  readonly warnings: readonly LossLimitName[];
  /** The breach record once a breach was detected (now or before). */
  readonly breach: BreachRecordData | null;
  /** The breach handled after commit, when this observation found one (or one was still pending). */
  readonly breachHandling: Result<AccountBreachHandled, DomainError> | null;
}

/**
 * The breach check of one trading account from one balance/equity
 * observation, through the account's own evaluation (docs/rules.md §4), for
 * every kind of account. The risk monitor stores its early warnings and the
 * closing figures at each reset through it; the figures also become the
 * account's latest known ones for the set-based day-start snapshot. A breach
 * it finds is stored with its inputs, then handled.
 */
export class EvaluateEquity {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly writer: TradingAccountWriter,
    private readonly handleBreach: HandleAccountBreach,
    private readonly clock: Clock,
  ) {}

  async execute(input: EvaluateEquityInput): Promise<Result<AccountEquityEvaluation, DomainError>> {
    const at = input.at ?? this.clock.now();
    const balance = new Decimal(input.balance);
    const equity = new Decimal(input.equity);
    const outcome = await retryOnConflict(() =>
      this.uow.run(async (tx) => {
        const account = await tx.tradingAccounts.find(input.login, { lock: true });
        if (!account) return err(tradingAccountsErrors.notFound(input.login));
        const evaluated = account.evaluateEquity({ balance, equity, at, tick: input.tick ?? null });
        if (!evaluated.ok) {
          // A breach found before and not yet handled: report it and let the handling be retried.
          if (evaluated.error.code === TradingAccountErrorCode.ALREADY_BREACHED && account.breach && account.status === 'active') {
            return ok({ account, verdict: 'breach' as const, warnings: [], events: [] as TradingAccountEvent[], pending: true });
          }
          return evaluated;
        }
        await tx.accountEquity.update(input.login, { balance, equity, at });
        const events = await this.writer.save(tx, account, at);
        const warnings = evaluated.value.warnings.map((warning) => warning.limit);
        return ok({ account, verdict: evaluated.value.verdict, warnings, events, pending: false });
      }),
    );
    if (!outcome.ok) return outcome;
    const { account, verdict, warnings, events, pending } = outcome.value;
    const floors = account.floors;
    const detected = pending || events.some((event) => event.type === 'TradingAccountBreachDetected');
    return ok({
      login: account.login,
      owner: account.owner,
      verdict,
      dailyLossFloor: isLossLimitOff(floors.dailyLoss) ? null : floors.dailyLoss.floor.toFixed(2),
      maxLossFloor: isLossLimitOff(floors.maxLoss) ? null : floors.maxLoss.floor.toFixed(2),
      warnings,
      breach: account.breach ? breachToData(account.breach) : null,
      breachHandling: detected ? await this.handleBreach.execute({ login: account.login }) : null,
    });
  }
}
