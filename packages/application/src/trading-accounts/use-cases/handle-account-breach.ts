import {
  breachFromData,
  breachToData,
  domainError,
  err,
  ok,
  replayVerdict,
  TradingAccountErrorCode,
  type BreachRecordData,
  type DomainError,
  type Result,
  type TradingAccountOwner,
  type VerdictInputs,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import type { TradingAccountWriter } from '../ports/trading-account-owner-reactions.js';
import { tradingAccountsErrors } from '../trading-accounts-errors.js';

export interface HandleAccountBreachInput {
  readonly login: string;
  /**
   * A breach found outside the aggregate (the risk monitor's in-memory
   * evaluation), with the inputs it was found from. Without it, the breach
   * the account itself detected is handled.
   */
  readonly detected?: { readonly breach: BreachRecordData; readonly inputs: VerdictInputs };
}

export interface AccountBreachHandled {
  readonly login: string;
  readonly owner: TradingAccountOwner;
  /** False when the breach had already been handled: a second detection changes nothing. */
  readonly handled: boolean;
  readonly breach: BreachRecordData;
}

/**
 * Handles a breach once (docs/rules.md §4), for any kind of account, in the
 * rule book's order: trading is disabled on the platform first, so the
 * trader cannot trade while the rest happens; then open positions are closed
 * at the market; only then does the account end on its breach, with its
 * verdict stored, the owner reacting (the challenge fails, the funded
 * account ends, the competition entry is disqualified), the trader e-mailed
 * and the handling audited, in one transaction. Both platform calls are
 * idempotent, so a retry or a concurrent second handler repeats them
 * harmlessly, and the row lock makes exactly one of them end the account.
 */
export class HandleAccountBreach {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly writer: TradingAccountWriter,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: HandleAccountBreachInput): Promise<Result<AccountBreachHandled, DomainError>> {
    const found = await this.uow.run((tx) => tx.tradingAccounts.find(input.login));
    if (!found) return err(tradingAccountsErrors.notFound(input.login));
    const stored = found.breach ? breachToData(found.breach) : null;
    if (found.status === 'breached' && stored) return ok({ login: found.login, owner: found.owner, handled: false, breach: stored });
    if (found.status !== 'active') {
      return err(domainError(TradingAccountErrorCode.CLOSED, `Trading account ${found.login} is ${found.status}`, { login: found.login }));
    }
    if (!stored && !input.detected) {
      return err(domainError(TradingAccountErrorCode.NOT_BREACHED, 'No breach to handle', { login: found.login }));
    }
    if (input.detected && !stored) {
      const checked = checkDetected(found.login, input.detected);
      if (!checked.ok) return checked;
    }

    await this.platform.disableTrading(found.login);
    await this.platform.closeAllPositions(found.login, 'breach');

    const at = this.clock.now();
    return retryOnConflict(() =>
      this.uow.run(async (tx): Promise<Result<AccountBreachHandled, DomainError>> => {
        const account = await tx.tradingAccounts.find(input.login, { lock: true });
        if (!account) return err(tradingAccountsErrors.notFound(input.login));
        if (account.status === 'breached' && account.breach) {
          return ok({ login: account.login, owner: account.owner, handled: false, breach: breachToData(account.breach) });
        }
        const reported = input.detected && !account.breach ? input.detected : null;
        const marked = account.markBreached(reported ? breachFromData(reported.breach) : null, at);
        if (!marked.ok) return marked;
        const record = breachToData(account.breach!);
        await this.writer.save(tx, account, at);
        if (reported && reported.breach.inputHash === record.inputHash) {
          // Found by the risk monitor: its inputs are the replayable evidence (the aggregate stores its own otherwise).
          await tx.tradingAccountVerdicts.add({
            id: this.ids.newId(),
            login: account.login,
            owner: account.owner,
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
          action: 'trading_account.breach_handled',
          subjectType: 'trading_account',
          subjectId: account.login,
          details: { owner: account.owner, breach: record, order: ['disable_trading', 'close_positions', 'mark_breached'] },
        });
        return ok({ login: account.login, owner: account.owner, handled: true, breach: record });
      }),
    );
  }
}

/** A breach reported from outside must be what its inputs give: replayed, it carries the same hash. */
function checkDetected(login: string, detected: NonNullable<HandleAccountBreachInput['detected']>): Result<void, DomainError> {
  const replayed = replayVerdict(detected.inputs);
  if (!replayed.ok) return replayed;
  const again = replayed.value.breach;
  if (!again || again.inputHash !== detected.breach.inputHash || again.at.toISOString() !== detected.breach.at) {
    return err(tradingAccountsErrors.verdictMismatch(login, detected.breach.inputHash, again?.inputHash ?? 'none'));
  }
  return ok(undefined);
}
