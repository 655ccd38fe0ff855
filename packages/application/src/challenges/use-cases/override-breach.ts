import type { Decimal } from 'decimal.js';
import {
  ChallengeErrorCode,
  DrawdownRules,
  breachToData,
  domainError,
  err,
  ok,
  type ChallengeStatus,
  type DomainError,
  type Result,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { orExternalFailure } from '../../shared-kernel/external-failure.js';
import { followUp } from '../../shared-kernel/follow-up.js';
import { challengesErrors } from '../challenges-errors.js';
import type { ChallengeWriter } from '../shared/challenge-writer.js';
import type { ResumeChallengeTrading } from './resume-challenge-trading.js';

export interface OverrideBreachInput {
  readonly adminId: string;
  readonly challengeId: string;
  readonly reason: string;
}

export interface BreachOverridden {
  readonly challengeId: string;
  readonly status: ChallengeStatus;
  /** The login trading is re-enabled on. */
  readonly account: string | null;
  /** False when the platform did not take the re-enabling now: the worker retries it until it does. */
  readonly tradingEnabled: boolean;
  /** The fresh day start the challenge trades on from. */
  readonly tradingDay: string;
  readonly dayStartBalance: Decimal;
  readonly dayStartEquity: Decimal;
  readonly dailyLossFloor: Decimal;
  readonly maxLossFloor: Decimal;
}

/**
 * An admin clears a false breach (rule book section 4). The breach closed
 * the positions, so the challenge resumes from its trading account's figures
 * now, read from the platform, as a fresh day start; figures that would
 * breach again at once are refused (`CHALLENGE.OVERRIDE_BEYOND_LIMIT`). In
 * one transaction, under the challenge's row lock: the override, the
 * figures, the events and the audit entry with the original verdict (the
 * stored verdict row is left as it is). Only after the commit is trading
 * re-enabled; the `ChallengeBreachOverridden` event makes the worker retry
 * that if it fails now.
 */
export class OverrideBreach {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly writer: ChallengeWriter,
    private readonly resume: ResumeChallengeTrading,
    private readonly clock: Clock,
  ) {}

  async execute(input: OverrideBreachInput): Promise<Result<BreachOverridden, DomainError>> {
    const found = await this.uow.run((tx) => tx.challenges.findById(input.challengeId));
    if (!found) return err(challengesErrors.notFound(input.challengeId));
    const login = found.account;
    if (!login || !found.breach) {
      const details = { challengeId: found.id, status: found.status };
      return err(domainError(ChallengeErrorCode.NOT_BREACHED, 'There is no breach to override', details));
    }
    const outcome = await orExternalFailure(async () => {
      // The platform's figures: after the breach closed the positions, they include every closing deal.
      const figures = await this.platform.getAccount(login);
      const at = this.clock.now();
      return this.uow.run(async (tx): Promise<Result<Omit<BreachOverridden, 'tradingEnabled'>, DomainError>> => {
        const challenge = await tx.challenges.findById(input.challengeId, { lock: true });
        if (!challenge) return err(challengesErrors.notFound(input.challengeId));
        const original = challenge.breach ? breachToData(challenge.breach) : null;
        const previousStatus = challenge.status;
        const overridden = challenge.overrideBreach({
          adminId: input.adminId,
          reason: input.reason,
          at,
          balance: figures.balance,
          equity: figures.equity,
        });
        if (!overridden.ok) return overridden;
        const drawdown = challenge.drawdown!;
        const floors = DrawdownRules.of(challenge.rules).floors(drawdown);
        const view = {
          challengeId: challenge.id,
          status: challenge.status,
          account: challenge.account,
          tradingDay: drawdown.tradingDay,
          dayStartBalance: drawdown.dayStartBalance,
          dayStartEquity: drawdown.dayStartEquity,
          dailyLossFloor: floors.dailyLoss.floor,
          maxLossFloor: floors.maxLoss.floor,
        };
        await tx.accountEquity.update(login, { balance: figures.balance, equity: figures.equity, at });
        await this.writer.save(tx, challenge, at);
        await tx.audit.append({
          at,
          actorId: input.adminId,
          actorRole: 'admin',
          action: 'challenge.breach_overridden',
          subjectType: 'challenge',
          subjectId: challenge.id,
          details: {
            reason: input.reason.trim(),
            previousStatus,
            original,
            account: challenge.account,
            dayStartBalance: view.dayStartBalance.toFixed(),
            dayStartEquity: view.dayStartEquity.toFixed(),
            dailyLossFloor: view.dailyLossFloor.toFixed(),
            maxLossFloor: view.maxLossFloor.toFixed(),
          },
        });
        return ok(view);
      });
    });
    if (!outcome.ok) return outcome;
    // Only once the override is committed may the account trade again.
    const enabled = await followUp(() => this.resume.execute({ challengeId: outcome.value.challengeId }));
    return ok({ ...outcome.value, tradingEnabled: enabled?.ok === true });
  }
}
