import type { Tick, VerifiedAccess } from '@tradesense/application';
import type { TraceSpan } from '@tradesense/bootstrap';
import WebSocket, { type RawData } from 'ws';
import { watchedMetrics, type AccountWatch, type MetricsBody } from './account-watch.js';
import type { SignalBody, SignalWatch } from './signal-watch.js';
import { CLOSE_TOKEN_EXPIRED, ClientMessage, StreamErrorCode, type ErrorMessage, type TopicLists } from './stream-protocol.js';
import type { StreamServices } from './stream-services.js';
import type { StreamSettings } from './stream-settings.js';
import type { TickHub } from './tick-hub.js';

const MAX_TIMER_MS = 2_147_483_647;

/** What a connection uses of the hub that holds it. */
export interface SessionHost {
  readonly services: StreamServices;
  readonly settings: StreamSettings;
  readonly ticks: TickHub;
  account(challengeId: string, ownerId: string): AccountWatch;
  login(login: string, ownerId: string): AccountWatch;
  signal(symbol: string): SignalWatch;
  forget(session: StreamSession): void;
}

/**
 * One client connection: its subscriptions, the messages it sends (handled
 * one at a time, in order, so answers come back in the order asked), the
 * token expiry, the heartbeat answer, and back-pressure on ticks.
 */
export class StreamSession {
  /** Subscribed symbols with their price digits (ticks are formatted with them). */
  readonly #symbols = new Map<string, number>();
  readonly #accounts = new Map<string, AccountWatch>();
  /** Trading accounts by login; they count against the same limit as challenges (both are metrics watches). */
  readonly #logins = new Map<string, AccountWatch>();
  readonly #signals = new Map<string, SignalWatch>();
  /** Latest tick per symbol held back while the client is not reading fast enough. */
  readonly #held = new Map<string, Tick>();
  #queue: Promise<void> = Promise.resolve();
  #alive = true;
  #closed = false;
  #expiry: NodeJS.Timeout | null = null;
  #markClosed!: () => void;
  /** Settles once the connection is closed and every subscription released. */
  readonly closed = new Promise<void>((resolve) => {
    this.#markClosed = resolve;
  });

  constructor(
    private readonly ws: WebSocket,
    readonly access: VerifiedAccess,
    private readonly hub: SessionHost,
  ) {}

  start(): void {
    const { clock, logger } = this.hub.services;
    this.ws.on('message', (data, isBinary) => this.#receive(data, isBinary));
    this.ws.on('pong', () => {
      this.#alive = true;
    });
    // Protocol violations (an oversized frame, bad framing) end in a close the 'close' handler cleans up after.
    this.ws.on('error', (error) => logger.debug({ err: error }, 'stream connection error'));
    this.ws.on('close', () => this.#dispose());
    const remaining = this.access.expiresAt.getTime() - clock.now().getTime();
    this.#expiry = setTimeout(() => this.ws.close(CLOSE_TOKEN_EXPIRED, 'access token expired'), Math.min(Math.max(0, remaining), MAX_TIMER_MS));
    this.#expiry.unref();
    this.#send({ type: 'welcome', userId: this.access.userId, role: this.access.role, expiresAt: this.access.expiresAt.toISOString() });
  }

  /** Called every heartbeat period: a connection that did not answer the previous ping is dead. */
  heartbeat(): void {
    if (!this.#alive) {
      this.ws.terminate();
      return;
    }
    this.#alive = false;
    this.ws.ping();
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  terminate(): void {
    this.ws.terminate();
  }

  // ---- incoming ------------------------------------------------------------

  #receive(data: RawData, isBinary: boolean): void {
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    const tracing = this.hub.services.tracing;
    // Each client message is a span of its own: no instrumentation of ws works with this SDK (docs/operations.md, "Tracing").
    this.#enqueue(() => (tracing ? tracing.inSpan('websocket message', (span) => this.#handle(bytes, isBinary, span), { kind: 'server' }) : this.#handle(bytes, isBinary)));
  }

  async #handle(bytes: Buffer, isBinary: boolean, span?: TraceSpan): Promise<void> {
    const { maxMessageBytes } = this.hub.settings;
    if (bytes.length > maxMessageBytes) return this.#error(StreamErrorCode.MESSAGE_TOO_LARGE, `Messages are limited to ${maxMessageBytes} bytes`);
    if (isBinary) return this.#error(StreamErrorCode.MALFORMED_JSON, 'Messages are JSON text frames');
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      return this.#error(StreamErrorCode.MALFORMED_JSON, 'The message is not valid JSON');
    }
    const parsed = ClientMessage.safeParse(json);
    if (!parsed.success) {
      return this.#error(StreamErrorCode.INVALID_MESSAGE, 'The message does not match the stream protocol', {
        errors: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    const message = parsed.data;
    span?.setAttribute('tradesense.stream.message_type', message.type);
    if (message.type === 'ping') return this.#send({ type: 'pong' });
    if (message.type === 'subscribe') return this.#subscribe(message);
    return this.#unsubscribe(message);
  }

  #enqueue(step: () => Promise<void> | void): void {
    this.#queue = this.#queue.then(step).catch((error: unknown) => this.hub.services.logger.error({ err: error }, 'stream message failed'));
  }

  /**
   * Checks every requested topic first (unknown symbols, other traders'
   * challenges and logins, and failed signals each get an error and are left out), then
   * subscribes to the rest at once, acknowledges the full set, and sends the
   * current tick, metrics and signal of what was added.
   */
  async #subscribe(lists: TopicLists): Promise<void> {
    const { settings, services } = this.hub;
    const symbols = fresh(lists.symbols, this.#symbols);
    const accounts = fresh(lists.accounts, this.#accounts);
    const logins = fresh(lists.logins, this.#logins);
    const signals = fresh(lists.signals, this.#signals);
    const limits: [string, number, number][] = [
      ['symbols', this.#symbols.size + symbols.length, settings.maxSymbols],
      ['accounts and logins', this.#accounts.size + this.#logins.size + accounts.length + logins.length, settings.maxAccounts],
      ['signals', this.#signals.size + signals.length, settings.maxSignals],
    ];
    const exceeded = limits.find(([, wanted, max]) => wanted > max);
    if (exceeded) {
      return this.#error(StreamErrorCode.TOO_MANY_SUBSCRIPTIONS, `A connection may hold at most ${exceeded[2]} ${exceeded[0]}; nothing was subscribed`);
    }

    const quotes: { symbol: string; digits: number; last: Tick | null }[] = [];
    for (const symbol of symbols) {
      const spec = await services.feed.symbol(symbol);
      if (!spec) this.#error(StreamErrorCode.SYMBOL_NOT_FOUND, `The price feed does not quote ${symbol}`, { symbol });
      else quotes.push({ symbol, digits: spec.digits, last: await services.feed.lastTick(symbol) });
    }
    const views = [];
    for (const challengeId of accounts) {
      // Only the caller's own challenges, whatever the role: anything else reads as not found.
      const result = await services.metrics.execute({ requester: { userId: this.access.userId, role: 'trader' }, challengeId });
      if (!result.ok) this.#error(result.error.code, result.error.message, { challengeId });
      else views.push({ challengeId, view: watchedMetrics(result.value, result.value.account) });
    }
    const accountViews = [];
    for (const login of logins) {
      // The same rule for any kind of account: only the caller's own, admins included.
      const result = await services.tradingAccountMetrics.execute({ requester: { userId: this.access.userId, role: 'trader' }, login });
      if (!result.ok) this.#error(result.error.code, result.error.message, { login });
      else accountViews.push({ login, view: watchedMetrics(result.value, result.value.login) });
    }
    const current = [];
    for (const symbol of signals) {
      const result = await services.signals.execute(symbol);
      if (!result.ok) this.#error(result.error.code, result.error.message, { symbol });
      else current.push({ symbol, signal: result.value });
    }
    if (this.#closed) return;

    for (const { symbol, digits } of quotes) {
      this.#symbols.set(symbol, digits);
      this.hub.ticks.add(symbol, this.#onTick);
    }
    const joined = views.map(({ challengeId, view }) => {
      const watch = this.hub.account(challengeId, this.access.userId);
      this.#accounts.set(challengeId, watch);
      return () => watch.join(this.#onMetrics, view);
    });
    const followed = accountViews.map(({ login, view }) => {
      const watch = this.hub.login(login, this.access.userId);
      this.#logins.set(login, watch);
      return () => watch.join(this.#onAccountMetrics, view);
    });
    const signalled = current.map(({ symbol, signal }) => {
      const watch = this.hub.signal(symbol);
      this.#signals.set(symbol, watch);
      return () => watch.join(this.#onSignal, signal);
    });
    this.#acknowledge();
    for (const { last } of quotes) if (last) this.#onTick(last);
    for (const join of [...joined, ...followed, ...signalled]) join();
  }

  #unsubscribe(lists: TopicLists): void {
    for (const symbol of lists.symbols ?? []) {
      if (!this.#symbols.delete(symbol)) continue;
      this.hub.ticks.remove(symbol, this.#onTick);
      this.#held.delete(symbol);
    }
    for (const challengeId of lists.accounts ?? []) {
      this.#accounts.get(challengeId)?.leave(this.#onMetrics);
      this.#accounts.delete(challengeId);
    }
    for (const login of lists.logins ?? []) {
      this.#logins.get(login)?.leave(this.#onAccountMetrics);
      this.#logins.delete(login);
    }
    for (const symbol of lists.signals ?? []) {
      this.#signals.get(symbol)?.leave(this.#onSignal);
      this.#signals.delete(symbol);
    }
    this.#acknowledge();
  }

  #dispose(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#expiry) clearTimeout(this.#expiry);
    for (const symbol of this.#symbols.keys()) this.hub.ticks.remove(symbol, this.#onTick);
    for (const watch of this.#accounts.values()) watch.leave(this.#onMetrics);
    for (const watch of this.#logins.values()) watch.leave(this.#onAccountMetrics);
    for (const watch of this.#signals.values()) watch.leave(this.#onSignal);
    this.#symbols.clear();
    this.#accounts.clear();
    this.#logins.clear();
    this.#signals.clear();
    this.#held.clear();
    this.hub.forget(this);
    this.#markClosed();
  }

  // ---- outgoing ------------------------------------------------------------

  readonly #onMetrics = (body: MetricsBody): void => this.#send({ type: 'metrics', ...body });
  readonly #onAccountMetrics = (body: MetricsBody): void => this.#send({ type: 'account_metrics', ...body });
  readonly #onSignal = (body: SignalBody): void => this.#send({ type: 'signal', ...body });

  /** Ticks wait while the socket is congested, the latest per symbol replacing older ones, so memory stays bounded. */
  readonly #onTick = (tick: Tick): void => {
    if (!this.#symbols.has(tick.symbol)) return;
    if (this.#held.size > 0 || this.ws.bufferedAmount > this.hub.settings.maxBufferedBytes) {
      this.#held.set(tick.symbol, tick);
      this.#drain();
      return;
    }
    this.#sendTick(tick);
  };

  /** Called after each write completes: releases held ticks once the client caught up. */
  readonly #drain = (): void => {
    if (this.#held.size === 0 || this.ws.bufferedAmount > this.hub.settings.maxBufferedBytes) return;
    const ticks = [...this.#held.values()];
    this.#held.clear();
    for (const tick of ticks) this.#sendTick(tick);
  };

  #sendTick(tick: Tick): void {
    const digits = this.#symbols.get(tick.symbol);
    if (digits === undefined) return;
    this.#send({ type: 'tick', symbol: tick.symbol, bid: tick.bid.toFixed(digits), ask: tick.ask.toFixed(digits), time: tick.time.toISOString() });
  }

  #acknowledge(): void {
    this.#send({
      type: 'subscriptions',
      symbols: [...this.#symbols.keys()].sort(),
      accounts: [...this.#accounts.keys()].sort(),
      logins: [...this.#logins.keys()].sort(),
      signals: [...this.#signals.keys()].sort(),
    });
  }

  #error(code: string, message: string, extra: Omit<Partial<ErrorMessage>, 'type' | 'code' | 'message'> = {}): void {
    this.#send({ type: 'error', code, message, ...extra });
  }

  #send(message: Record<string, unknown>): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(JSON.stringify(message), this.#drain);
  }
}

/** The distinct names of a list that are not held yet. */
function fresh(names: readonly string[] | undefined, held: ReadonlyMap<string, unknown>): string[] {
  return [...new Set(names ?? [])].filter((name) => !held.has(name));
}
