import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Decimal } from 'decimal.js';
import { challengeAnswer, isChallenge, webApiPasswordHash } from '../mt5/auth-hash.js';

/**
 * A stand-in for an MT5 access server's Web API, for tests. It checks the
 * handshake hash and the 10-second window for real, binds each session to its
 * TCP connection, answers with string-typed JSON and real retcodes, and can
 * drop connections or forget sessions on demand. It keeps a small account
 * book (balances, positions with a profit the test sets, deals) so the
 * adapter's reads and writes can be checked end to end.
 */
export interface FakeMt5ServerOptions {
  readonly managerLogin?: string;
  readonly managerPassword?: string;
  /** Server wall clock = UTC + this many hours (MT5 servers usually run GMT+2/+3). */
  readonly serverUtcOffsetHours?: number;
  /** Connections idle this long are closed by the server. */
  readonly idleLimitMs?: number;
  /** The fake's clock (for the handshake window and deal times). */
  readonly now?: () => number;
  /** Answer the client challenge without knowing the password (an impostor server). */
  readonly impostor?: boolean;
  readonly firstLogin?: number;
}

export interface FakeSymbol {
  readonly Symbol: string;
  readonly Path: string;
  readonly Description?: string;
  readonly Digits: number;
  readonly ContractSize: string;
  readonly CurrencyBase: string;
  readonly CurrencyProfit: string;
  readonly CurrencyMargin: string;
  readonly CalcMode: number;
  readonly SwapLong: string;
  readonly SwapShort: string;
  readonly Swap3Day: number;
}

export interface SeededPosition {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly volume: string;
  readonly openPrice: string;
  readonly currentPrice?: string;
  readonly profit?: string;
  readonly swap?: string;
  readonly margin: string;
  readonly digits?: number;
}

type Json = Record<string, unknown>;

interface Session {
  epoch: number;
  pending: { srvRand: string; at: number } | null;
  authenticated: boolean;
}

interface FakePosition {
  readonly Position: string;
  readonly Login: string;
  readonly Symbol: string;
  readonly Action: number;
  readonly Volume: number;
  readonly PriceOpen: string;
  readonly Digits: number;
  readonly TimeCreate: number;
  PriceCurrent: string;
  Profit: Decimal;
  Storage: Decimal;
  Margin: Decimal;
}

const DEFAULT_RIGHTS = 483n;
const MAX_COMMENT = 31;

export class FakeMt5Server {
  readonly #server: http.Server;
  readonly #sockets = new Set<Socket>();
  readonly #sessions = new WeakMap<Socket, Session>();
  readonly #managerLogin: string;
  readonly #managerHash: Buffer;
  readonly #offsetMs: number;
  readonly #now: () => number;
  readonly #impostor: boolean;
  #epoch = 0;
  #nextLogin: number;
  #nextTicket = 7_000_001;
  #nextPosition = 90_001;
  #nextRequest = 1;
  #transId = 0;
  readonly #failNext = new Map<string, string>();
  readonly #dropNext = new Set<string>();
  readonly #dropAfterNext = new Set<string>();

  readonly users = new Map<string, Json>();
  readonly balances = new Map<string, Decimal>();
  readonly positions = new Map<string, FakePosition>();
  readonly deals: Json[] = [];
  readonly symbols = new Map<string, FakeSymbol>();
  readonly ticks = new Map<string, Json & { transId: number }>();
  /** One-minute bars per symbol as `/api/chart/get` sends them: [server seconds, open, high, low, close]. */
  readonly bars = new Map<string, [number, number, number, number, number][]>();
  readonly requestResults = new Map<string, { polls: number; result: Json }>();
  /** Every request path received, and the full request targets, for assertions. */
  readonly requests: string[] = [];
  readonly requestUrls: string[] = [];
  readonly counters = { authentications: 0, failedHandshakes: 0, forbidden: 0, pings: 0, connections: 0 };

  private constructor(options: FakeMt5ServerOptions) {
    this.#managerLogin = options.managerLogin ?? '1000';
    this.#managerHash = webApiPasswordHash(options.managerPassword ?? 'Manager#2024');
    this.#offsetMs = (options.serverUtcOffsetHours ?? 2) * 3_600_000;
    this.#now = options.now ?? Date.now;
    this.#impostor = options.impostor ?? false;
    this.#nextLogin = options.firstLogin ?? 80_001;
    this.#server = http.createServer((request, response) => void this.#handle(request, response));
    this.#server.keepAliveTimeout = options.idleLimitMs ?? 180_000;
    this.#server.on('connection', (socket: Socket) => {
      this.counters.connections += 1;
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(options: FakeMt5ServerOptions = {}): Promise<FakeMt5Server> {
    const fake = new FakeMt5Server(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    const address = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // ---- failure injection --------------------------------------------------

  /** Closes every open connection, as a network failure or server restart would. */
  dropConnections(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  /** Forgets every session: the next request on an old connection gets 403. */
  expireSessions(): void {
    this.#epoch += 1;
  }

  /** The next request for `path` loses its connection before it is carried out. */
  dropNextRequest(path: string): void {
    this.#dropNext.add(path);
  }

  /** The next request for `path` is carried out, but its answer is lost with the connection. */
  dropAfterNextRequest(path: string): void {
    this.#dropAfterNext.add(path);
  }

  /** The next request for `path` fails with this retcode (e.g. "10019 No money"). */
  failNext(path: string, retcode: string): void {
    this.#failNext.set(path, retcode);
  }

  // ---- book keeping for tests ---------------------------------------------

  seedPosition(login: string, seed: SeededPosition): string {
    const position: FakePosition = {
      Position: String(this.#nextPosition++),
      Login: login,
      Symbol: seed.symbol,
      Action: seed.side === 'buy' ? 0 : 1,
      Volume: new Decimal(seed.volume).times(10_000).toNumber(),
      PriceOpen: seed.openPrice,
      Digits: seed.digits ?? 5,
      TimeCreate: this.#serverSeconds(),
      PriceCurrent: seed.currentPrice ?? seed.openPrice,
      Profit: new Decimal(seed.profit ?? 0),
      Storage: new Decimal(seed.swap ?? 0),
      Margin: new Decimal(seed.margin),
    };
    this.positions.set(position.Position, position);
    this.#recordDeal(login, {
      Action: position.Action,
      Entry: 0,
      Reason: 0,
      Symbol: position.Symbol,
      PositionID: position.Position,
      Volume: position.Volume,
      Price: position.PriceOpen,
      Profit: new Decimal(0),
      Storage: new Decimal(0),
      Comment: '',
    });
    return position.Position;
  }

  setPositionProfit(positionId: string, profit: string, currentPrice?: string): void {
    const position = this.positions.get(positionId);
    if (!position) throw new Error(`No position ${positionId}`);
    position.Profit = new Decimal(profit);
    if (currentPrice) position.PriceCurrent = currentPrice;
  }

  addSymbol(symbol: FakeSymbol): void {
    this.symbols.set(symbol.Symbol, symbol);
  }

  setTick(symbol: string, bid: string, ask: string): void {
    this.#transId += 1;
    const ms = this.#now() + this.#offsetMs;
    this.ticks.set(symbol, {
      Symbol: symbol,
      Digits: String(this.symbols.get(symbol)?.Digits ?? 5),
      Datetime: String(Math.floor(ms / 1_000)),
      DatetimeMsc: String(ms),
      Bid: bid,
      Ask: ask,
      Last: '0',
      Volume: '0',
      transId: this.#transId,
    });
  }

  /** A one-minute bar starting at the real instant `start`, stored in server time. */
  addBar(symbol: string, start: Date, open: number, high: number, low: number, close: number): void {
    const bars = this.bars.get(symbol) ?? [];
    bars.push([Math.floor((start.getTime() + this.#offsetMs) / 1_000), open, high, low, close]);
    this.bars.set(symbol, bars);
  }

  // ---- HTTP ---------------------------------------------------------------

  async #handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const path = url.pathname;
    this.requests.push(path);
    this.requestUrls.push(request.url ?? '');
    const body = await readBody(request);
    const socket = request.socket;
    if (this.#dropNext.delete(path)) {
      socket.destroy();
      return;
    }
    const query = url.searchParams;
    if (path === '/api/auth/start') return this.#send(response, this.#authStart(socket, query));
    if (path === '/api/auth/answer') return this.#send(response, this.#authAnswer(socket, query));
    const session = this.#sessions.get(socket);
    if (!session?.authenticated || session.epoch !== this.#epoch) {
      this.counters.forbidden += 1;
      response.writeHead(403, { 'Content-Type': 'text/plain' });
      response.end('Forbidden');
      return;
    }
    const injected = this.#failNext.get(path);
    if (injected) {
      this.#failNext.delete(path);
      return this.#send(response, { retcode: injected });
    }
    const answer = this.#route(path, query, body);
    if (this.#dropAfterNext.delete(path)) {
      socket.destroy();
      return;
    }
    this.#send(response, answer);
  }

  #send(response: http.ServerResponse, json: Json): void {
    const text = JSON.stringify(json);
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
  }

  #authStart(socket: Socket, query: URLSearchParams): Json {
    const version = Number(query.get('version'));
    const agent = query.get('agent') ?? '';
    if (query.get('type') !== 'manager' || !(version >= 484) || agent === '' || /\s/.test(agent)) {
      return { retcode: '3 Invalid parameters' };
    }
    if (query.get('login') !== this.#managerLogin) {
      this.counters.failedHandshakes += 1;
      return { retcode: '1001 Invalid account' };
    }
    const srvRand = randomBytes(16).toString('hex');
    this.#sessions.set(socket, { epoch: this.#epoch, pending: { srvRand, at: this.#now() }, authenticated: false });
    return { retcode: '0 Done', version_access: '4700', srv_rand: srvRand };
  }

  #authAnswer(socket: Socket, query: URLSearchParams): Json {
    const session = this.#sessions.get(socket);
    const pending = session?.pending;
    if (!session || !pending) return { retcode: '3 Invalid parameters' };
    session.pending = null;
    if (this.#now() - pending.at > 10_000) {
      this.counters.failedHandshakes += 1;
      return { retcode: '1007 Authorization timeout' };
    }
    if (query.get('srv_rand_answer') !== challengeAnswer(this.#managerHash, pending.srvRand)) {
      this.counters.failedHandshakes += 1;
      return { retcode: '3006 Invalid account password' };
    }
    const cliRand = query.get('cli_rand');
    if (!isChallenge(cliRand)) return { retcode: '3 Invalid parameters' };
    session.authenticated = true;
    session.epoch = this.#epoch;
    this.counters.authentications += 1;
    const proof = this.#impostor ? randomBytes(16).toString('hex') : challengeAnswer(this.#managerHash, cliRand);
    return { retcode: '0 Done', version_access: '4700', version_trade: '4700', cli_rand_answer: proof };
  }

  #route(path: string, query: URLSearchParams, body: Json | null): Json {
    switch (path) {
      case '/api/test/access':
        this.counters.pings += 1;
        return { retcode: '0 Done' };
      case '/api/user/add':
        return this.#userAdd(body ?? {});
      case '/api/user/get':
        return this.#withUser(query.get('login'), (user) => ({ retcode: '0 Done', answer: user }));
      case '/api/user/update':
        return this.#userUpdate(body ?? {});
      case '/api/user/account/get':
        return this.#withUser(query.get('login'), (user) => ({ retcode: '0 Done', answer: this.#accountOf(String(user['Login'])) }));
      case '/api/position/get_page':
        return this.#positionPage(query);
      case '/api/deal/get_page':
        return this.#dealPage(query);
      case '/api/deal/get': {
        const deal = this.deals.find((candidate) => candidate['Deal'] === query.get('ticket'));
        return deal ? { retcode: '0 Done', answer: deal } : { retcode: '13 Not found' };
      }
      case '/api/trade/balance':
        return this.#tradeBalance(query);
      case '/api/dealer/send_request':
        return this.#dealerSend(body ?? {});
      case '/api/dealer/get_request_result':
        return this.#dealerResult(query.get('id') ?? '');
      case '/api/symbol/get': {
        const symbol = this.symbols.get(query.get('symbol') ?? '');
        return symbol ? { retcode: '0 Done', answer: stringify(symbol as unknown as Json) } : { retcode: '13 Not found' };
      }
      case '/api/tick/last':
        return this.#tickLast(query);
      case '/api/chart/get':
        return this.#chart(query);
      default:
        return { retcode: '3 Invalid parameters' };
    }
  }

  #withUser(login: string | null, answer: (user: Json) => Json): Json {
    const user = this.users.get(login ?? '');
    return user ? answer(user) : { retcode: '13 Not found' };
  }

  #userAdd(body: Json): Json {
    const passMain = String(body['PassMain'] ?? '');
    const passInvestor = String(body['PassInvestor'] ?? '');
    if (!strongEnough(passMain) || !strongEnough(passInvestor)) return { retcode: '3006 Invalid account password' };
    if (!body['Group']) return { retcode: '3 Invalid parameters' };
    const requested = body['Login'] ? String(body['Login']) : null;
    if (requested && this.users.has(requested)) return { retcode: '3004 Account already exists' };
    const login = requested ?? String(this.#nextLogin++);
    const user: Json = {
      Login: login,
      Group: String(body['Group']),
      Leverage: String(body['Leverage'] ?? '100'),
      Rights: String(DEFAULT_RIGHTS),
      Name: String(body['Name'] ?? ''),
      Email: String(body['Email'] ?? ''),
      Country: String(body['Country'] ?? ''),
      Registration: String(this.#serverSeconds()),
      Balance: '0.00',
    };
    this.users.set(login, user);
    this.balances.set(login, new Decimal(0));
    return { retcode: '0 Done', answer: user };
  }

  #userUpdate(body: Json): Json {
    const login = String(body['Login'] ?? '');
    const user = this.users.get(login);
    if (!user) return { retcode: '13 Not found' };
    for (const field of ['Group', 'Leverage', 'Rights', 'Name', 'Email', 'Country'] as const) {
      if (body[field] !== undefined) user[field] = String(body[field]);
    }
    return { retcode: '0 Done', answer: user };
  }

  #figures(login: string) {
    const balance = this.balances.get(login) ?? new Decimal(0);
    let floating = new Decimal(0);
    let storage = new Decimal(0);
    let margin = new Decimal(0);
    for (const position of this.positions.values()) {
      if (position.Login !== login) continue;
      floating = floating.plus(position.Profit);
      storage = storage.plus(position.Storage);
      margin = margin.plus(position.Margin);
    }
    const equity = balance.plus(floating).plus(storage);
    return { balance, floating, storage, margin, equity, free: equity.minus(margin) };
  }

  #accountOf(login: string): Json {
    const f = this.#figures(login);
    return {
      Login: login,
      CurrencyDigits: '2',
      Balance: f.balance.toFixed(2),
      Credit: '0.00',
      Margin: f.margin.toFixed(2),
      MarginFree: f.free.toFixed(2),
      MarginLevel: f.margin.isZero() ? '0.00' : f.equity.dividedBy(f.margin).times(100).toFixed(2),
      MarginLeverage: String(this.users.get(login)?.['Leverage'] ?? '0'),
      Profit: f.floating.toFixed(2),
      Storage: f.storage.toFixed(2),
      Floating: f.floating.plus(f.storage).toFixed(2),
      Equity: f.equity.toFixed(2),
    };
  }

  #positionPage(query: URLSearchParams): Json {
    const login = query.get('login') ?? '';
    if (!this.users.has(login)) return { retcode: '13 Not found' };
    const all = [...this.positions.values()].filter((position) => position.Login === login);
    return { retcode: '0 Done', answer: page(all, query).map((position) => this.#positionJson(position)) };
  }

  #positionJson(position: FakePosition): Json {
    return {
      Position: position.Position,
      Login: position.Login,
      Symbol: position.Symbol,
      Action: String(position.Action),
      Digits: String(position.Digits),
      Volume: String(position.Volume),
      VolumeExt: String(position.Volume * 10_000),
      PriceOpen: position.PriceOpen,
      PriceCurrent: position.PriceCurrent,
      PriceSL: '0',
      PriceTP: '0',
      Profit: position.Profit.toFixed(2),
      Storage: position.Storage.toFixed(2),
      TimeCreate: String(position.TimeCreate),
      TimeCreateMsc: String(position.TimeCreate * 1_000),
    };
  }

  #dealPage(query: URLSearchParams): Json {
    const login = query.get('login') ?? '';
    if (!this.users.has(login)) return { retcode: '13 Not found' };
    const from = Number(query.get('from') ?? 0);
    const to = Number(query.get('to') ?? 0);
    const matching = this.deals.filter((deal) => deal['Login'] === login && Number(deal['Time']) >= from && Number(deal['Time']) <= to);
    return { retcode: '0 Done', answer: page(matching, query) };
  }

  #tradeBalance(query: URLSearchParams): Json {
    const login = query.get('login') ?? '';
    if (!this.users.has(login)) return { retcode: '13 Not found' };
    const type = Number(query.get('type'));
    if (![2, 3, 4, 5, 6].includes(type)) return { retcode: '3 Invalid parameters' };
    let amount: Decimal;
    try {
      amount = new Decimal(query.get('balance') ?? '');
    } catch {
      return { retcode: '3 Invalid parameters' };
    }
    if (amount.abs().gt(1_000_000_000)) return { retcode: '4005 Money limit reached' };
    const figures = this.#figures(login);
    const checkMargin = query.get('check_margin') !== '0';
    if (amount.isNegative() && (amount.abs().gt(figures.balance) || (checkMargin && amount.abs().gt(figures.free)))) {
      return { retcode: '10019 Not enough money' };
    }
    this.balances.set(login, figures.balance.plus(amount));
    const ticket = this.#recordDeal(login, {
      Action: type,
      Entry: 0,
      Reason: 2,
      Symbol: '',
      PositionID: '0',
      Volume: 0,
      Price: '0',
      Profit: amount,
      Storage: new Decimal(0),
      Comment: (query.get('comment') ?? '').slice(0, MAX_COMMENT),
    });
    return { retcode: '0 Done', answer: { Ticket: ticket } };
  }

  #dealerSend(body: Json): Json {
    if (String(body['Action']) !== '200') return { retcode: '3 Invalid parameters' };
    const id = String(this.#nextRequest++);
    const position = this.positions.get(String(body['Position'] ?? ''));
    let result: Json;
    if (!position || position.Login !== String(body['Login'])) {
      result = { ResultRetcode: '10036 Position already closed' };
    } else {
      this.positions.delete(position.Position);
      const balance = this.balances.get(position.Login) ?? new Decimal(0);
      this.balances.set(position.Login, balance.plus(position.Profit).plus(position.Storage));
      const deal = this.#recordDeal(position.Login, {
        Action: position.Action === 0 ? 1 : 0,
        Entry: 1,
        Reason: 2,
        Symbol: position.Symbol,
        PositionID: position.Position,
        Volume: position.Volume,
        Price: position.PriceCurrent,
        Profit: position.Profit,
        Storage: position.Storage,
        Comment: String(body['Comment'] ?? '').slice(0, MAX_COMMENT),
      });
      result = {
        ResultRetcode: '10009 Request executed',
        ResultDeal: deal,
        ResultOrder: deal,
        ResultPrice: position.PriceCurrent,
        ResultVolume: String(position.Volume),
      };
    }
    this.requestResults.set(id, { polls: 0, result: { ID: id, ...stringify(body), ...result } });
    return { retcode: '0 Done', answer: { id } };
  }

  /** The first poll finds the request still in the dealer queue, as a busy server would. */
  #dealerResult(id: string): Json {
    const entry = this.requestResults.get(id);
    if (!entry) return { retcode: '13 Not found' };
    entry.polls += 1;
    if (entry.polls === 1) return { retcode: '0 Done', answer: { ID: id, ResultRetcode: '10003 Request processed' } };
    return { retcode: '0 Done', answer: entry.result };
  }

  /** Bars with from ≤ time ≤ to (server seconds); only the `dohlc` layout is spoken. */
  #chart(query: URLSearchParams): Json {
    const from = Number(query.get('from'));
    const to = Number(query.get('to'));
    if (!Number.isInteger(from) || !Number.isInteger(to) || query.get('data') !== 'dohlc') return { retcode: '3 Invalid parameters' };
    const answer = (this.bars.get(query.get('symbol') ?? '') ?? []).filter(([time]) => time >= from && time <= to);
    return { retcode: '0 Done', answer };
  }

  #tickLast(query: URLSearchParams): Json {
    const after = Number(query.get('trans_id') ?? 0);
    const names = (query.get('symbol') ?? '').split(',').filter(Boolean);
    const answer = names
      .map((name) => this.ticks.get(name))
      .filter((tick): tick is Json & { transId: number } => tick !== undefined && tick.transId > after)
      .map(({ transId: _transId, ...tick }) => tick);
    return { retcode: '0 Done', trans_id: String(this.#transId), answer };
  }

  #recordDeal(
    login: string,
    deal: { Action: number; Entry: number; Reason: number; Symbol: string; PositionID: string; Volume: number; Price: string; Profit: Decimal; Storage: Decimal; Comment: string },
  ): string {
    const ticket = String(this.#nextTicket++);
    const ms = this.#now() + this.#offsetMs;
    this.deals.push({
      Deal: ticket,
      ExternalID: '',
      Login: login,
      Dealer: '0',
      Order: ticket,
      Action: String(deal.Action),
      Entry: String(deal.Entry),
      Reason: String(deal.Reason),
      Digits: '5',
      Time: String(Math.floor(ms / 1_000)),
      TimeMsc: String(ms),
      Symbol: deal.Symbol,
      Price: deal.Price,
      Volume: String(deal.Volume),
      VolumeExt: String(deal.Volume * 10_000),
      Profit: deal.Profit.toFixed(2),
      Storage: deal.Storage.toFixed(2),
      Commission: '0.00',
      Fee: '0.00',
      PositionID: deal.PositionID,
      Comment: deal.Comment,
    });
    return ticket;
  }

  #serverSeconds(): number {
    return Math.floor((this.#now() + this.#offsetMs) / 1_000);
  }
}

const strongEnough = (password: string): boolean =>
  password.length >= 8 && /[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password);

function page<T>(items: readonly T[], query: URLSearchParams): T[] {
  const offset = Number(query.get('offset') ?? 0);
  const total = Math.min(100, Number(query.get('total') ?? 100));
  return items.slice(offset, offset + total);
}

const stringify = (record: Json): Json => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)]));

function readBody(request: http.IncomingMessage): Promise<Json | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (chunks.length === 0) return resolve(null);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json);
      } catch {
        resolve(null);
      }
    });
  });
}
