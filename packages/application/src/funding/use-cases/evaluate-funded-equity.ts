import { Decimal } from 'decimal.js';
import {
  FundedErrorCode,
  breachToData,
  err,
  ok,
  type BreachRecordData,
  type DomainError,
  type FundedAccountEvent,
  type LossLimitName,
  type ObservedTick,
  type Result,
  type VerdictKind,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { fundingErrors } from '../funding-errors.js';
import type { FundedRiskWriter } from '../shared/funded-risk-writer.js';
import type { FundedBreachHandled, HandleFundedBreach } from './handle-funded-breach.js';

export interface EvaluateFundedEquityInput {
  /** The funded account's trading login. */
  readonly login: string;
  readonly balance: Decimal | string;
  /** balance + floating P/L + open swaps + open commissions. */
  readonly equity: Decimal | string;
  /** When the figures held; defaults to now. */
  readonly at?: Date;
  /** The tick that moved a held symbol (absent for a balance change or a reset). */
  readonly tick?: ObservedTick | null;
}

export interface FundedEquityEvaluation {
  readonly fundedAccountId: string;
  readonly verdict: VerdictKind;
  readonly dailyLossFloor: string;
  readonly maxLossFloor: string;
  /** The early warnings this observation raised (each once per limit per trading day). */
  readonly warnings: readonly LossLimitName[];
  /** The breach record once the account is breached (now or before). */
  readonly breach: BreachRecordData | null;
  /** The breach handled after commit, when this observation found one (or one was still pending). */
  readonly breachHandling: Result<FundedBreachHandled, DomainError> | null;
}

/**
 * The breach check of one funded account from one balance/equity
 * observation, through the account's own evaluation (rule book section 4).
 * The risk monitor stores its early warnings and the closing figures at each
 * reset through it; the figures also become the account's latest known ones
 * for the set-based day-start snapshot. A breach it finds is stored with its
 * inputs, then handled.
 */
export class EvaluateFundedEquity {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly writer: FundedRiskWriter,
    private readonly handleBreach: HandleFundedBreach,
    private readonly clock: Clock,
  ) {}

  async execute(input: EvaluateFundedEquityInput): Promise<Result<FundedEquityEvaluation, DomainError>> {
    const at = input.at ?? this.clock.now();
    const balance = new Decimal(input.balance);
    const equity = new Decimal(input.equity);
    const outcome = await retryOnConflict(() =>
      this.uow.run(async (tx) => {
        const account = await tx.fundedAccounts.findByLogin(input.login, { lock: true });
        if (!account) return err(fundingErrors.fundedLoginNotFound(input.login));
        const evaluated = account.evaluateEquity({ balance, equity, at, tick: input.tick ?? null });
        if (!evaluated.ok) {
          // A breach found before and not yet handled: report it and let the handling be retried.
          if (evaluated.error.code === FundedErrorCode.ALREADY_BREACHED && account.breachRecord && account.status === 'active') {
            return ok({ account, verdict: 'breach' as const, warnings: [], events: [] as FundedAccountEvent[], pending: true });
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
    const detected = pending || events.some((event) => event.type === 'FundedAccountBreachDetected');
    return ok({
      fundedAccountId: account.id,
      verdict,
      dailyLossFloor: floors.dailyLoss.floor.toFixed(2),
      maxLossFloor: floors.maxLoss.floor.toFixed(2),
      warnings,
      breach: account.breachRecord ? breachToData(account.breachRecord) : null,
      breachHandling: detected ? await this.handleBreach.execute({ fundedAccountId: account.id }) : null,
    });
  }
}
