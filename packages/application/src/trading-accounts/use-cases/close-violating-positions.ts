import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { OrderExecution } from '../../ports/order-execution.js';
import { isTradingPlatformError, type TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { tradingAccountsErrors } from '../trading-accounts-errors.js';

export interface CloseViolatingPositionsInput {
  readonly login: string;
  readonly violationId: string;
}

export interface ViolatingPositionsClosed {
  readonly login: string;
  readonly violationId: string;
  /** The positions closed now; those found already closed are left out. */
  readonly closed: readonly string[];
  /** False when an earlier delivery had closed them already: nothing was done. */
  readonly closedNow: boolean;
}

/**
 * A `close` violation's positions are closed at market on the platform, once
 * (docs/rules.md §14). Trading stays enabled: the rule closes the offending
 * position, it does not stop the account. The closing is recorded on the
 * stored violation, so a redelivered request does nothing; a position the
 * platform no longer holds (the trader closed it, or a delivery closed it
 * before its record was written) is already where the rule wants it.
 */
export class CloseViolatingPositions {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly execution: OrderExecution | null,
    private readonly clock: Clock,
  ) {}

  async execute(input: CloseViolatingPositionsInput): Promise<Result<ViolatingPositionsClosed, DomainError>> {
    const { login, violationId } = input;
    const stored = await this.uow.run((tx) => tx.tradingAccountViolations.find(login, violationId));
    if (!stored) return err(tradingAccountsErrors.noViolation(login));
    if (stored.positionsClosedAt) return ok({ login, violationId, closed: [], closedNow: false });
    if (!this.execution) return err(tradingAccountsErrors.positionCloseNotAvailable(login));

    const open = new Set((await this.platform.openPositions(login)).map((position) => position.positionId));
    const closed: string[] = [];
    for (const positionId of stored.violation.positionIds) {
      if (!open.has(positionId)) continue;
      try {
        await this.execution.closePosition(login, positionId);
        closed.push(positionId);
      } catch (error) {
        // Closed in between (by the trader, a stop, or a stop-out): nothing left to do for it.
        if (!isTradingPlatformError(error, 'PLATFORM.POSITION_NOT_FOUND')) throw error;
      }
    }
    const recorded = await this.uow.run((tx) => tx.tradingAccountViolations.markPositionsClosed(login, violationId, this.clock.now()));
    return ok({ login, violationId, closed, closedNow: recorded });
  }
}
