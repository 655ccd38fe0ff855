import { Decimal } from 'decimal.js';
import {
  TradingPlatformError,
  isTradingPlatformError,
  type BalanceOperationRequest,
  type BalanceOperationResult,
  type Clock,
  type ClosedPositionsReport,
  type CreateTradingAccountRequest,
  type Deal,
  type DealListener,
  type OpenPosition,
  type Subscription,
  type TradingAccountCredentials,
  type TradingAccountState,
  type TradingLogin,
  type TradingPlatform,
} from '@tradesense/application';
import { DealPump } from '../shared/deal-pump.js';
import { generatePlatformPassword } from '../shared/passwords.js';
import {
  asRecord,
  asRecords,
  decimalField,
  DEAL_ACTION_BALANCE,
  DEAL_ACTION_CORRECTION,
  integerField,
  textField,
  ticketOrder,
  toDeal,
  toOpenPosition,
} from './mt5-records.js';
import { operationTag, taggedComment } from './operation-tag.js';
import { isTradeDone, parseRetcode, retcodeError } from './retcode.js';
import { toServerSeconds, UTC_SERVER, type ServerTimeZone } from './server-time.js';
import type { Mt5Json, Mt5WebApiConnection } from './web-api-connection.js';

export interface Mt5PlatformOptions {
  /** How the server stamps times (default UTC). */
  readonly serverTime?: ServerTimeZone;
  readonly accountCurrency?: string;
  /** Swap-free accounts live in a sibling group: `<group><suffix>`. */
  readonly swapFreeGroupSuffix?: string;
  /** How often a deal subscription polls the server. */
  readonly dealPollIntervalMs?: number;
  /** How far back a balance operation looks for an earlier booking of the same id. */
  readonly balanceLookupDays?: number;
  /** Polls of a dealer request's result before giving up, and the pause between them. */
  readonly tradeResultAttempts?: number;
  readonly tradeResultPollMs?: number;
  readonly clock?: Clock;
}

const PAGE = 100;
// IMTUser::USER_RIGHT_TRADE_DISABLED
const RIGHT_TRADE_DISABLED = 4n;
// IMTRequest::TA_DEALER_POS_EXECUTE
const TA_DEALER_POS_EXECUTE = '200';
const DAY_SECONDS = 86_400;
const PENDING_TRADE_RETCODES = new Set([10001, 10002, 10003]);

/** The `TradingPlatform` port over the MetaTrader 5 manager Web API. */
export class Mt5TradingPlatform implements TradingPlatform {
  readonly #zone: ServerTimeZone;
  readonly #currency: string;
  readonly #swapFreeSuffix: string;
  readonly #clock: Clock;
  readonly #cursorTimes = new Map<TradingLogin, { dealId: string; serverSeconds: number }>();
  readonly #bookedOperations = new Map<string, { login: TradingLogin; amount: Decimal; dealId: string }>();
  readonly #loginQueues = new Map<TradingLogin, Promise<unknown>>();

  constructor(
    private readonly connection: Mt5WebApiConnection,
    private readonly options: Mt5PlatformOptions = {},
  ) {
    this.#zone = options.serverTime ?? UTC_SERVER;
    this.#currency = options.accountCurrency ?? 'USD';
    this.#swapFreeSuffix = options.swapFreeGroupSuffix ?? '-SF';
    this.#clock = options.clock ?? { now: () => new Date() };
  }

  async createAccount(request: CreateTradingAccountRequest): Promise<TradingAccountCredentials> {
    const group = request.swapFree ? `${request.group}${this.#swapFreeSuffix}` : request.group;
    const password = generatePlatformPassword();
    const investorPassword = generatePlatformPassword();
    const added = await this.connection.post(
      '/api/user/add',
      {},
      {
        PassMain: password,
        PassInvestor: investorPassword,
        Group: group,
        Leverage: String(request.leverage),
        Name: request.name,
        Email: request.email ?? '',
        Country: request.country ?? '',
      },
      { idempotent: false },
    );
    const login = textField(asRecord(added['answer']), 'Login');
    if (request.initialBalance.gt(0)) {
      await this.balanceOperation({
        login,
        kind: 'deposit',
        amount: request.initialBalance,
        clientOperationId: `initial-balance:${login}`,
        comment: 'Initial balance',
      });
    }
    return { login, password, investorPassword, group };
  }

  async getAccount(login: TradingLogin): Promise<TradingAccountState> {
    const user = await this.#user(login);
    const answer = await this.connection.get('/api/user/account/get', { login }, { idempotent: true, notFound: 'PLATFORM.ACCOUNT_NOT_FOUND' });
    const account = asRecord(answer['answer']);
    const group = textField(user, 'Group');
    const margin = decimalField(account, 'Margin');
    return {
      login,
      group,
      leverage: integerField(user, 'Leverage'),
      currency: this.#currency,
      swapFree: group.endsWith(this.#swapFreeSuffix),
      tradingEnabled: (BigInt(textField(user, 'Rights') || '0') & RIGHT_TRADE_DISABLED) === 0n,
      balance: decimalField(account, 'Balance'),
      equity: decimalField(account, 'Equity'),
      floatingProfit: decimalField(account, 'Floating'),
      margin,
      freeMargin: decimalField(account, 'MarginFree'),
      marginLevel: margin.isZero() ? null : decimalField(account, 'MarginLevel'),
    };
  }

  async openPositions(login: TradingLogin): Promise<readonly OpenPosition[]> {
    await this.#user(login);
    return (await this.#positionRecords(login)).map((record) => toOpenPosition(record, this.#zone));
  }

  async dealsBetween(login: TradingLogin, from: Date, to: Date): Promise<readonly Deal[]> {
    const records = await this.#dealRecords(login, toServerSeconds(this.#zone, from), toServerSeconds(this.#zone, to) + 1);
    return records
      .map((record) => toDeal(record, this.#zone))
      .filter((deal) => deal.time.getTime() >= from.getTime() && deal.time.getTime() < to.getTime())
      .sort((a, b) => ticketOrder(a.dealId, b.dealId));
  }

  /**
   * Reads from the time of the last seen deal onwards (the Web API pages by
   * time), then keeps only later tickets, so each call costs a page or two.
   */
  async dealsAfter(login: TradingLogin, afterDealId: string | null, limit = 1_000): Promise<readonly Deal[]> {
    if (afterDealId !== null && !/^\d+$/.test(afterDealId)) {
      throw new TradingPlatformError('PLATFORM.INVALID_REQUEST', `Not a deal ticket: ${afterDealId}`);
    }
    const from = afterDealId === null ? 0 : await this.#serverSecondsOfDeal(login, afterDealId);
    const to = toServerSeconds(this.#zone, this.#clock.now()) + DAY_SECONDS;
    const records = await this.#dealRecords(login, from, to);
    const later = records
      .filter((record) => afterDealId === null || ticketOrder(textField(record, 'Deal'), afterDealId) > 0)
      .sort((a, b) => ticketOrder(textField(a, 'Deal'), textField(b, 'Deal')))
      .slice(0, limit);
    const last = later.at(-1);
    if (last) this.#cursorTimes.set(login, { dealId: textField(last, 'Deal'), serverSeconds: integerField(last, 'Time') });
    return later.map((record) => toDeal(record, this.#zone));
  }

  subscribeDeals(login: TradingLogin, afterDealId: string | null, listener: DealListener): Subscription {
    return new DealPump((cursor) => this.dealsAfter(login, cursor), listener, afterDealId, {
      pollIntervalMs: this.options.dealPollIntervalMs ?? 1_000,
      retryDelayMs: this.options.dealPollIntervalMs ?? 1_000,
    }).start();
  }

  async balanceOperation(request: BalanceOperationRequest): Promise<BalanceOperationResult> {
    const amount = request.amount;
    if (!amount.isFinite() || amount.isZero() || amount.decimalPlaces() > 2) {
      throw new TradingPlatformError('PLATFORM.INVALID_REQUEST', `Amount must be a non-zero cent amount, got ${amount.toString()}`);
    }
    if (request.kind !== 'correction' && amount.isNegative()) {
      throw new TradingPlatformError('PLATFORM.INVALID_REQUEST', `A ${request.kind} amount must be positive`);
    }
    const signed = request.kind === 'withdrawal' ? amount.negated() : amount;
    const tag = operationTag(request.clientOperationId);
    // One operation per login at a time, so two retries in flight cannot both book.
    return this.#perLogin(request.login, async () => {
      const known = this.#bookedOperations.get(request.clientOperationId) ?? (await this.#findBooked(request.login, tag));
      if (known) return this.#replay(request, known, signed);
      const query = {
        login: request.login,
        type: request.kind === 'correction' ? DEAL_ACTION_CORRECTION : DEAL_ACTION_BALANCE,
        balance: signed.toFixed(2),
        comment: taggedComment(tag, request.comment ?? request.kind),
        check_margin: request.kind === 'withdrawal' ? 1 : 0,
      };
      let answer: Mt5Json;
      try {
        answer = await this.connection.get('/api/trade/balance', query, { idempotent: false, notFound: 'PLATFORM.ACCOUNT_NOT_FOUND' });
      } catch (error) {
        if (!isTradingPlatformError(error, 'PLATFORM.UNAVAILABLE') || error.details['outcomeUnknown'] !== true) throw error;
        // The answer was lost: look before sending it again.
        const booked = await this.#findBooked(request.login, tag);
        if (booked) return this.#replay(request, booked, signed);
        answer = await this.connection.get('/api/trade/balance', query, { idempotent: false, notFound: 'PLATFORM.ACCOUNT_NOT_FOUND' });
      }
      const dealId = textField(asRecord(answer['answer']), 'Ticket');
      this.#bookedOperations.set(request.clientOperationId, { login: request.login, amount: signed, dealId });
      return { dealId, amount: signed, replayed: false };
    });
  }

  async changeGroup(login: TradingLogin, group: string): Promise<void> {
    await this.#updateUser(login, (user) => ({ ...user, Group: group }));
  }

  async changeLeverage(login: TradingLogin, leverage: number): Promise<void> {
    if (!Number.isInteger(leverage) || leverage < 1) {
      throw new TradingPlatformError('PLATFORM.INVALID_REQUEST', `Leverage must be a positive integer, got ${leverage}`);
    }
    await this.#updateUser(login, (user) => ({ ...user, Leverage: String(leverage) }));
  }

  async disableTrading(login: TradingLogin): Promise<void> {
    await this.#updateUser(login, (user) => ({ ...user, Rights: String(BigInt(textField(user, 'Rights') || '0') | RIGHT_TRADE_DISABLED) }));
  }

  async enableTrading(login: TradingLogin): Promise<void> {
    await this.#updateUser(login, (user) => ({ ...user, Rights: String(BigInt(textField(user, 'Rights') || '0') & ~RIGHT_TRADE_DISABLED) }));
  }

  async closeAllPositions(login: TradingLogin, comment = 'closed by dealer'): Promise<ClosedPositionsReport> {
    await this.#user(login);
    const closed: { positionId: string; dealId: string }[] = [];
    for (const position of await this.#positionRecords(login)) {
      const positionId = textField(position, 'Position');
      const sent = await this.connection.post(
        '/api/dealer/send_request',
        {},
        {
          Action: TA_DEALER_POS_EXECUTE,
          Login: login,
          Symbol: textField(position, 'Symbol'),
          Type: integerField(position, 'Action') === 0 ? '1' : '0',
          Volume: textField(position, 'Volume'),
          Position: positionId,
          PriceOrder: textField(position, 'PriceCurrent'),
          Digits: textField(position, 'Digits'),
          Comment: comment.slice(0, 31),
        },
        { idempotent: false },
      );
      const requestId = textField(asRecord(sent['answer']), 'id') || textField(asRecord(sent['answer']), 'ID');
      closed.push({ positionId, dealId: await this.#awaitTradeResult(requestId) });
    }
    return { closed };
  }

  // ---- internals -----------------------------------------------------------

  async #user(login: TradingLogin): Promise<Record<string, unknown>> {
    const answer = await this.connection.get('/api/user/get', { login }, { idempotent: true, notFound: 'PLATFORM.ACCOUNT_NOT_FOUND' });
    return asRecord(answer['answer']);
  }

  /** The Web API replaces the whole user record, so read it, change it, send it back. */
  async #updateUser(login: TradingLogin, change: (user: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
    await this.#perLogin(login, async () => {
      const user = await this.#user(login);
      await this.connection.post('/api/user/update', {}, change(user), { idempotent: true, notFound: 'PLATFORM.ACCOUNT_NOT_FOUND' });
    });
  }

  async #positionRecords(login: TradingLogin): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const answer = await this.connection.get('/api/position/get_page', { login, offset, total: PAGE }, { idempotent: true });
      const page = asRecords(answer['answer']);
      all.push(...page);
      if (page.length < PAGE) return all;
    }
  }

  async #dealRecords(login: TradingLogin, fromSeconds: number, toSeconds: number): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const answer = await this.connection.get(
        '/api/deal/get_page',
        { login, from: Math.max(0, fromSeconds), to: toSeconds, offset, total: PAGE },
        { idempotent: true, notFound: 'PLATFORM.ACCOUNT_NOT_FOUND' },
      );
      const page = asRecords(answer['answer']);
      all.push(...page);
      if (page.length < PAGE) return all;
    }
  }

  async #serverSecondsOfDeal(login: TradingLogin, dealId: string): Promise<number> {
    const cached = this.#cursorTimes.get(login);
    if (cached?.dealId === dealId) return cached.serverSeconds;
    try {
      const answer = await this.connection.get('/api/deal/get', { ticket: dealId }, { idempotent: true });
      return integerField(asRecord(answer['answer']), 'Time');
    } catch (error) {
      // A ticket the server no longer has (archived): read the whole history.
      if (isTradingPlatformError(error, 'PLATFORM.ACCOUNT_NOT_FOUND')) return 0;
      throw error;
    }
  }

  async #findBooked(login: TradingLogin, tag: string): Promise<{ login: TradingLogin; amount: Decimal; dealId: string } | null> {
    const now = toServerSeconds(this.#zone, this.#clock.now());
    const lookback = (this.options.balanceLookupDays ?? 30) * DAY_SECONDS;
    const records = await this.#dealRecords(login, now - lookback, now + DAY_SECONDS);
    const match = records.find((record) => {
      const action = integerField(record, 'Action');
      return (action === DEAL_ACTION_BALANCE || action === DEAL_ACTION_CORRECTION) && textField(record, 'Comment').startsWith(`${tag} `);
    });
    return match ? { login, amount: decimalField(match, 'Profit'), dealId: textField(match, 'Deal') } : null;
  }

  #replay(
    request: BalanceOperationRequest,
    booked: { login: TradingLogin; amount: Decimal; dealId: string },
    signed: Decimal,
  ): BalanceOperationResult {
    if (booked.login !== request.login || !booked.amount.eq(signed)) {
      throw new TradingPlatformError(
        'PLATFORM.INVALID_REQUEST',
        `Client operation id ${request.clientOperationId} was already used for another balance operation`,
        null,
        { clientOperationId: request.clientOperationId },
      );
    }
    this.#bookedOperations.set(request.clientOperationId, booked);
    return { dealId: booked.dealId, amount: booked.amount, replayed: true };
  }

  async #awaitTradeResult(requestId: string): Promise<string> {
    const attempts = this.options.tradeResultAttempts ?? 50;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const answer = await this.connection.get('/api/dealer/get_request_result', { id: requestId }, { idempotent: true });
      const result = findTradeResult(answer['answer']);
      if (result) {
        const retcode = parseRetcode(result['ResultRetcode']);
        if (isTradeDone(retcode)) return textField(result, 'ResultDeal');
        if (!PENDING_TRADE_RETCODES.has(retcode.code)) {
          throw retcodeError(retcode, { command: '/api/dealer/send_request', notFound: 'PLATFORM.POSITION_NOT_FOUND' });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.tradeResultPollMs ?? 100));
    }
    throw new TradingPlatformError('PLATFORM.UNAVAILABLE', `Dealer request ${requestId} has no result yet`, null, { outcomeUnknown: true });
  }

  async #perLogin<T>(login: TradingLogin, work: () => Promise<T>): Promise<T> {
    const previous = this.#loginQueues.get(login) ?? Promise.resolve();
    const result = previous.then(work, work);
    const settled = result.catch(() => undefined);
    this.#loginQueues.set(login, settled);
    void settled.then(() => {
      if (this.#loginQueues.get(login) === settled) this.#loginQueues.delete(login);
    });
    return result;
  }
}

/** The request record carrying `ResultRetcode`, wherever the answer nests it. */
function findTradeResult(value: unknown): Record<string, unknown> | null {
  if (Array.isArray(value)) {
    for (let index = value.length - 1; index >= 0; index -= 1) {
      const found = findTradeResult(value[index]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if ('ResultRetcode' in record) return record;
  for (const nested of Object.values(record)) {
    const found = findTradeResult(nested);
    if (found) return found;
  }
  return null;
}
