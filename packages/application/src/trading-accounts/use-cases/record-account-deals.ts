import { Decimal } from 'decimal.js';
import {
  NewsWindow,
  TradingAccountErrorCode,
  err,
  ok,
  type DealAction,
  type DomainError,
  type NewsEventFact,
  type Result,
  type TradingAccount,
  type TradingAccountDeal,
  type TradingAccountEvent,
  type TradingAccountOwner,
} from '@tradesense/domain';
import type { PriceFeed, Subscription, SymbolSpecification } from '../../ports/price-feed.js';
import type { Deal, TradingAccountState, TradingPlatform } from '../../ports/trading-platform.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { compareTickets } from '../../shared/deal-ticket.js';
import type { TradingAccountWriter } from '../ports/trading-account-owner-reactions.js';
import { tradingAccountsErrors } from '../trading-accounts-errors.js';
import type { AccountBreachHandled, HandleAccountBreach } from './handle-account-breach.js';

export interface DealsCaughtUp {
  readonly login: string;
  /** Deals recorded now (deals seen before are skipped). */
  readonly recorded: number;
  readonly lastDealId: string | null;
}

export interface DealIntake {
  readonly dealId: string;
  readonly login: string;
  readonly owner: TradingAccountOwner;
  /** False when the deal was recorded before: recording is idempotent by deal id. */
  readonly recorded: boolean;
  readonly balance: string;
  readonly equity: string;
  /** The breach handled after commit, when this deal found one (or one was still pending). */
  readonly breach: Result<AccountBreachHandled, DomainError> | null;
}

const PAGE = 500;
const MINUTE_MS = 60_000;
const TRADE_KINDS = new Set<Deal['kind']>(['buy', 'sell']);

/**
 * Takes in the deals and balance changes the trading platform reports for a
 * watched login (docs/rules.md §3–4), whatever the account belongs to: every
 * deal changes the balance and is evaluated by the trading account, whose
 * owner reacts (an opening deal counts a challenge's trading day, a closing
 * one checks its phase target). Each deal is one transaction that also moves
 * the login's stored cursor, so a restart resumes after the last deal taken
 * in, and a deal seen twice is recorded once.
 */
export class RecordAccountDeals {
  /** Symbol specifications change rarely and every deal of a symbol needs its own: read once per symbol. */
  private readonly specifications = new Map<string, SymbolSpecification>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly writer: TradingAccountWriter,
    private readonly handleBreach: HandleAccountBreach,
    private readonly priceFeed: PriceFeed,
  ) {}

  /** Catches up with every deal after the stored cursor. */
  async execute(input: { readonly login: string }): Promise<Result<DealsCaughtUp, DomainError>> {
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
   * Follows the login's deals as they happen, from the stored cursor. A deal
   * that fails to record throws, so the platform's feed offers it again.
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
    const specification = TRADE_KINDS.has(deal.kind) && deal.symbol ? await this.specificationOf(deal.symbol) : null;
    const outcome = await this.uow.run(async (tx) => {
      const account = await tx.tradingAccounts.find(deal.login, { lock: true });
      if (!account) return err(tradingAccountsErrors.notFound(deal.login));
      const figures = await tx.accountEquity.lock(deal.login, deal.time);
      const seen = figures.lastDealId !== null && compareTickets(deal.dealId, figures.lastDealId) <= 0;
      const balance = figures.ledgerBalance.plus(deal.profit).plus(deal.swap).plus(deal.commission);
      const inserted = !seen && (await tx.accountDeals.record({ ...deal, owner: account.owner, balanceAfter: balance }));
      const unchanged = { account, recorded: false, balance: figures.balance, equity: figures.equity, events: [] as TradingAccountEvent[], pending: false };
      if (!inserted) {
        if (!seen) {
          const ledger = { balance: figures.ledgerBalance, lastDealId: deal.dealId };
          await tx.accountEquity.update(deal.login, { balance: figures.balance, equity: figures.equity, at: figures.updatedAt, ledger });
        }
        return ok(unchanged);
      }

      const action = TRADE_KINDS.has(deal.kind) ? await this.actionOf(tx, deal) : null;
      const open = new Set(account.openPositions);
      if (action === 'open' && deal.positionId) open.add(deal.positionId);
      if (action === 'close' && deal.positionId) open.delete(deal.positionId);
      const equity = this.equityAfter(balance, open.size === 0, live, figures);
      await tx.accountEquity.update(deal.login, { balance, equity, at: deal.time, ledger: { balance, lastDealId: deal.dealId } });

      const applied =
        action && deal.positionId
          ? account.recordDeal(await this.restrictionFacts(tx, deal, deal.positionId, action, balance, equity, specification), {
              newsEvents: await this.newsEventsAround(tx, account, deal.time),
            })
          : account.evaluateEquity({ balance, equity, at: deal.time, tick: null });
      // The deal stays on record either way; a refusal means the account no longer trades (or the figures came late).
      const events = applied.ok ? await this.writer.save(tx, account, deal.time) : [];
      const pending = !applied.ok && applied.error.code === TradingAccountErrorCode.ALREADY_BREACHED && account.status === 'active';
      return ok({ account, recorded: true, balance, equity, events, pending });
    });
    if (!outcome.ok) return outcome;
    const { account, recorded, balance, equity, events, pending } = outcome.value;
    await this.writer.afterCommit(account.owner, events);
    const detected = pending || events.some((event) => event.type === 'TradingAccountBreachDetected');
    return ok({
      dealId: deal.dealId,
      login: account.login,
      owner: account.owner,
      recorded,
      balance: balance.toFixed(2),
      equity: equity.toFixed(2),
      breach: detected ? await this.handleBreach.execute({ login: account.login }) : null,
    });
  }

  /**
   * The deal as the trading restrictions read it (docs/rules.md §14): its
   * symbol with the asset class and currencies of the symbol's specification
   * (none when the feed has no specification: the rules needing a class then
   * skip the deal), its lots, and for a closing deal its net result.
   */
  private async restrictionFacts(
    tx: TransactionScope,
    deal: Deal,
    positionId: string,
    action: DealAction,
    balance: Decimal,
    equity: Decimal,
    specification: SymbolSpecification | null,
  ): Promise<TradingAccountDeal> {
    return {
      dealId: deal.dealId,
      positionId,
      action,
      at: deal.time,
      balance,
      equity,
      volume: deal.volume,
      ...(deal.symbol ? { symbol: deal.symbol } : {}),
      ...(specification
        ? { assetClass: specification.assetClass, baseCurrency: specification.baseCurrency, quoteCurrency: specification.profitCurrency }
        : {}),
      ...(action === 'open' ? {} : { netProfit: await this.netResult(tx, deal, positionId) }),
    };
  }

  /**
   * A closing deal's net result: its own profit, swap and commission plus the
   * swap and commission its position carried since it was last closed in part
   * (commission is charged on entry), as the funded position feed books it.
   */
  private async netResult(tx: TransactionScope, deal: Deal, positionId: string): Promise<Decimal> {
    let carried = new Decimal(0);
    for (const earlier of await tx.accountDeals.positionDeals(deal.login, positionId)) {
      if (earlier.dealId === deal.dealId) continue;
      const booked = earlier.profit.plus(earlier.swap).plus(earlier.commission);
      // An earlier partial close booked what the position carried until then.
      carried = earlier.entry === 'in' ? carried.plus(booked) : new Decimal(0);
    }
    return deal.profit.plus(deal.swap).plus(deal.commission).plus(carried);
  }

  /** The high-impact events whose window can hold the deal, when the account's snapshot has the news window on. */
  private async newsEventsAround(tx: TransactionScope, account: TradingAccount, at: Date): Promise<NewsEventFact[]> {
    const rule = NewsWindow.of(account.rules);
    if (!rule) return [];
    const span = rule.minutes * MINUTE_MS;
    const events = await tx.economicCalendar.eventsBetween({
      from: new Date(at.getTime() - span),
      to: new Date(at.getTime() + span),
      currencies: null,
      impacts: ['high'],
    });
    return events.map((event) => ({ id: event.id, at: event.at, currency: event.currency, impact: event.impact }));
  }

  /**
   * The symbol's specification, or null. A feed out of reach gives none
   * rather than holding the deal back: the loss limits must still see it.
   */
  private async specificationOf(symbol: string): Promise<SymbolSpecification | null> {
    const known = this.specifications.get(symbol);
    if (known) return known;
    try {
      const specification = await this.priceFeed.symbol(symbol);
      if (specification) this.specifications.set(symbol, specification);
      return specification;
    } catch {
      return null;
    }
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
  private equityAfter(balance: Decimal, flat: boolean, live: TradingAccountState | null, before: { balance: Decimal; equity: Decimal }): Decimal {
    if (flat) return balance;
    if (live && live.balance.equals(balance)) return live.equity;
    return balance.plus(before.equity.minus(before.balance));
  }

  /** Opening, closing or partly closing, from the lots the recorded deals leave open on the position. */
  private async actionOf(tx: TransactionScope, deal: Deal): Promise<DealAction | null> {
    if (!deal.positionId) return null;
    if (deal.entry === 'in' || deal.entry === 'inout') return 'open';
    const remaining = await tx.accountDeals.openVolume(deal.login, deal.positionId);
    return remaining.greaterThan(0) ? 'partial_close' : 'close';
  }
}
