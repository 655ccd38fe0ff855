import {
  FundedErrorCode,
  breachFromData,
  breachToData,
  domainError,
  err,
  ok,
  replayVerdict,
  type BreachRecordData,
  type DomainError,
  type Result,
  type VerdictInputs,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { fundingErrors } from '../funding-errors.js';
import type { FundedRiskWriter } from '../shared/funded-risk-writer.js';

export interface HandleFundedBreachInput {
  readonly fundedAccountId: string;
  /**
   * A breach found outside the aggregate (the risk monitor's in-memory
   * evaluation), with the inputs it was found from. Without it, the breach
   * the account itself detected is handled.
   */
  readonly detected?: { readonly breach: BreachRecordData; readonly inputs: VerdictInputs };
}

export interface FundedBreachHandled {
  readonly fundedAccountId: string;
  /** False when the breach had already been handled: a second detection changes nothing. */
  readonly handled: boolean;
  readonly breach: BreachRecordData;
}

/**
 * Handles a funded account's breach once (rule book sections 4 and 5), in
 * the rule book's order, as for a challenge: trading is disabled on the
 * platform first, then open positions are closed at the market, and only
 * then is the account marked breached, with its breach record and verdict
 * inputs stored, the trader's e-mail queued and the handling audited, in one
 * transaction. Both platform calls are idempotent, so a retry or a
 * concurrent second handler repeats them harmlessly; the row lock makes
 * exactly one of them end the account.
 */
export class HandleFundedBreach {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly writer: FundedRiskWriter,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: HandleFundedBreachInput): Promise<Result<FundedBreachHandled, DomainError>> {
    const found = await this.uow.run((tx) => tx.fundedAccounts.findById(input.fundedAccountId));
    if (!found) return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
    const stored = found.breachRecord ? breachToData(found.breachRecord) : null;
    if (found.status === 'breached' && stored) return ok({ fundedAccountId: found.id, handled: false, breach: stored });
    if (found.status === 'breached') {
      return err(domainError(FundedErrorCode.ALREADY_BREACHED, 'The funded account has ended', { fundedAccountId: found.id }));
    }
    if (!stored && !input.detected) {
      return err(domainError(FundedErrorCode.NOT_BREACHED, 'No breach to handle', { fundedAccountId: found.id }));
    }
    if (input.detected && !stored) {
      const checked = checkDetected(found.id, input.detected);
      if (!checked.ok) return checked;
    }
    const login = found.login;

    await this.platform.disableTrading(login);
    await this.platform.closeAllPositions(login, 'breach');

    const at = this.clock.now();
    return retryOnConflict(() =>
      this.uow.run(async (tx): Promise<Result<FundedBreachHandled, DomainError>> => {
        const account = await tx.fundedAccounts.findById(input.fundedAccountId, { lock: true });
        if (!account) return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
        if (account.status === 'breached' && account.breachRecord) {
          return ok({ fundedAccountId: account.id, handled: false, breach: breachToData(account.breachRecord) });
        }
        const reported = input.detected && !account.breachRecord ? input.detected : null;
        const marked = account.markBreached(reported ? breachFromData(reported.breach) : null, at);
        if (!marked.ok) return marked;
        const record = breachToData(account.breachRecord!);
        await this.writer.save(tx, account, at);
        if (reported && reported.breach.inputHash === record.inputHash) {
          // Found by the risk monitor: its inputs are the replayable evidence (the aggregate stored its own otherwise).
          await tx.fundedBreachVerdicts.add({
            id: this.ids.newId(),
            fundedAccountId: account.id,
            login,
            breach: record,
            inputs: reported.inputs,
            inputHash: record.inputHash,
            recordedAt: at,
          });
        }
        await tx.audit.append({
          at,
          actorId: null,
          actorRole: 'system',
          action: 'funded_account.breach_handled',
          subjectType: 'funded_account',
          subjectId: account.id,
          details: { login, breach: record, order: ['disable_trading', 'close_positions', 'mark_breached'] },
        });
        return ok({ fundedAccountId: account.id, handled: true, breach: record });
      }),
    );
  }
}

/** A breach reported from outside must be what its inputs give: replayed, it carries the same hash. */
function checkDetected(
  fundedAccountId: string,
  detected: NonNullable<HandleFundedBreachInput['detected']>,
): Result<void, DomainError> {
  const replayed = replayVerdict(detected.inputs);
  if (!replayed.ok) return replayed;
  const again = replayed.value.breach;
  if (!again || again.inputHash !== detected.breach.inputHash || again.at.toISOString() !== detected.breach.at) {
    return err(fundingErrors.verdictMismatch(fundedAccountId, detected.breach.inputHash, again?.inputHash ?? 'none'));
  }
  return ok(undefined);
}
