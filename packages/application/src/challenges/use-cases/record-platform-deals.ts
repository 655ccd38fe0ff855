import type { Decimal } from 'decimal.js';
import {
  ChallengeErrorCode,
  err,
  ok,
  type Challenge,
  type ChallengeEvent,
  type DealAction,
  type DomainError,
  type Result,
} from '@tradesense/domain';
import type { Subscription } from '../../ports/price-feed.js';
import type { Deal, TradingAccountState, TradingPlatform } from '../../ports/trading-platform.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { challengesErrors } from '../challenges-errors.js';
import { NO_FOLLOW_UP, type ChallengeFollowUps, type FollowUpOutcome } from '../shared/challenge-follow-ups.js';
import type { ChallengeWriter } from '../shared/challenge-writer.js';
import { compareTickets } from '../../shared/deal-ticket.js';

export interface RecordPlatformDealsInput {
  readonly login: string;
}

export interface DealsCaughtUp {
  readonly login: string;
  /** Deals recorded now (deals seen before are skipped). */
  readonly recorded: number;
  readonly lastDealId: string | null;
}

export interface DealIntake {
  readonly dealId: string;
  readonly challengeId: string;
  /** False when the deal was recorded before: recording is idempotent by deal id. */
  readonly recorded: boolean;
  readonly balance: string;
  readonly equity: string;
  readonly followUp: FollowUpOutcome;
}

const PAGE = 500;
const TRADE_KINDS = new Set<Deal['kind']>(['buy', 'sell']);

/**
 * Takes in the deals and balance changes the trading platform reports for a
 * challenge account (rule book sections 3–4): an opening deal counts its
 * trading day, every deal changes the balance and is evaluated, a closing
 * deal checks the phase target. Each deal is one transaction that also moves
 * the account's stored cursor, so a restart resumes after the last deal taken
 * in, and a deal seen twice is recorded once.
 */
export class RecordPlatformDeals {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly writer: ChallengeWriter,
    private readonly followUps: ChallengeFollowUps,
  ) {}

  /** Catches up with every deal after the stored cursor. */
  async execute(input: RecordPlatformDealsInput): Promise<Result<DealsCaughtUp, DomainError>> {
    let cursor = await this.cursor(input.login);
    let recorded = 0;
    for (;;) {
      const deals = await this.platform.dealsAfter(input.login, cursor, PAGE);
      if (deals.length === 0) break;
      for (const deal of deals) {
        const intake = await this.recordDeal(deal);
        if (!intake.ok) return intake;
        if (intake.value.recorded) recorded += 1;
        cursor = deal.dealId;
      }
    }
    return ok({ login: input.login, recorded, lastDealId: cursor });
  }

  /**
   * Follows the account's deals as they happen, from the stored cursor. A
   * deal that fails to record throws, so the platform's feed offers it again.
   */
  async follow(login: string, onIntake?: (intake: Result<DealIntake, DomainError>) => void): Promise<Subscription> {
    const cursor = await this.cursor(login);
    return this.platform.subscribeDeals(login, cursor, async (deal) => {
      onIntake?.(await this.recordDeal(deal));
    });
  }

  /** Records one deal (idempotent by login and deal id). */
  async recordDeal(deal: Deal): Promise<Result<DealIntake, DomainError>> {
    const live = await this.liveFigures(deal.login);
    const outcome = await this.uow.run(async (tx) => {
      const challenge = await tx.challenges.findByAccountLogin(deal.login, { lock: true });
      if (!challenge) return err(challengesErrors.accountNotFound(deal.login));
      const figures = await tx.accountEquity.lock(deal.login, deal.time);
      const seen = figures.lastDealId !== null && compareTickets(deal.dealId, figures.lastDealId) <= 0;
      const balance = figures.ledgerBalance.plus(deal.profit).plus(deal.swap).plus(deal.commission);
      const phase = phaseOf(challenge, deal.login);
      const inserted =
        !seen &&
        (await tx.platformDeals.record({ ...deal, challengeId: challenge.id, ...phase, balanceAfter: balance }));
      if (!inserted) {
        if (!seen) {
          const ledger = { balance: figures.ledgerBalance, lastDealId: deal.dealId };
          await tx.accountEquity.update(deal.login, { ...unchanged(figures), ledger });
        }
        return ok({ challenge, recorded: false, balance: figures.balance, equity: figures.equity, events: [], pendingBreach: false });
      }

      const onCurrentAccount = challenge.account === deal.login;
      const action = TRADE_KINDS.has(deal.kind) ? await this.actionOf(tx, deal) : null;
      const open = new Set(onCurrentAccount ? challenge.openPositions : []);
      if (action === 'open' && deal.positionId) open.add(deal.positionId);
      if (action === 'close' && deal.positionId) open.delete(deal.positionId);
      const equity = this.equityAfter(balance, open.size === 0 && onCurrentAccount, live, figures);
      await tx.accountEquity.update(deal.login, { balance, equity, at: deal.time, ledger: { balance, lastDealId: deal.dealId } });

      let events: ChallengeEvent[] = [];
      let pendingBreach = false;
      if (onCurrentAccount) {
        const applied =
          action && deal.positionId
            ? challenge.recordDeal({
                dealId: deal.dealId,
                positionId: deal.positionId,
                action,
                at: deal.time,
                balance,
                equity,
                ...(deal.symbol ? { symbol: deal.symbol } : {}),
              })
            : challenge.evaluateEquity({ balance, equity, at: deal.time, tick: null });
        if (applied.ok) events = await this.writer.save(tx, challenge, deal.time);
        // The deal stays on record either way; a refusal only means the challenge no longer trades.
        else pendingBreach = applied.error.code === ChallengeErrorCode.ALREADY_BREACHED && challenge.status === 'active';
      }
      return ok({ challenge, recorded: true, balance, equity, events, pendingBreach });
    });
    if (!outcome.ok) return outcome;
    const { challenge, recorded, balance, equity, events, pendingBreach } = outcome.value;
    const followUp = pendingBreach
      ? await this.followUps.handlePendingBreach(challenge.id)
      : events.length > 0
        ? await this.followUps.after(challenge.id, events)
        : NO_FOLLOW_UP;
    return ok({
      dealId: deal.dealId,
      challengeId: challenge.id,
      recorded,
      balance: balance.toFixed(2),
      equity: equity.toFixed(2),
      followUp,
    });
  }

  private async cursor(login: string): Promise<string | null> {
    return this.uow.run(async (tx) => (await tx.accountEquity.find(login))?.lastDealId ?? null);
  }

  /** The platform's figures now: exact for the newest deal, when its balance matches. */
  private async liveFigures(login: string): Promise<TradingAccountState | null> {
    try {
      return await this.platform.getAccount(login);
    } catch {
      return null;
    }
  }

  /**
   * Equity right after the deal. With no position left open it is the
   * balance. Otherwise the platform's live equity when its balance is this
   * deal's (the deal is the newest), else the last known floating P/L carried
   * over: an estimate that the next tick or deal corrects.
   */
  private equityAfter(
    balance: Decimal,
    flat: boolean,
    live: TradingAccountState | null,
    before: { balance: Decimal; equity: Decimal },
  ): Decimal {
    if (flat) return balance;
    if (live && live.balance.equals(balance)) return live.equity;
    return balance.plus(before.equity.minus(before.balance));
  }

  /** Opening, closing or partly closing, from the lots the recorded deals leave open on the position. */
  private async actionOf(tx: TransactionScope, deal: Deal): Promise<DealAction | null> {
    if (!deal.positionId) return null;
    if (deal.entry === 'in' || deal.entry === 'inout') return 'open';
    const remaining = await tx.platformDeals.openVolume(deal.login, deal.positionId);
    return remaining.greaterThan(0) ? 'partial_close' : 'close';
  }
}

const unchanged = (figures: { balance: Decimal; equity: Decimal; updatedAt: Date }) => ({
  balance: figures.balance,
  equity: figures.equity,
  at: figures.updatedAt,
});

/** The phase and attempt a login traded in: the current one, or an earlier one from the history. */
function phaseOf(challenge: Challenge, login: string): { phase: number; attempt: number } {
  if (challenge.account === login) return { phase: challenge.phase, attempt: challenge.attempt };
  const record = [...challenge.history].reverse().find((entry) => entry.account === login);
  return record ? { phase: record.phase, attempt: record.attempt } : { phase: challenge.phase, attempt: challenge.attempt };
}
