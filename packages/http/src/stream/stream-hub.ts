import type { VerifiedAccess } from '@tradesense/application';
import type WebSocket from 'ws';
import { AccountWatch, watchedMetrics, type MetricsReader } from './account-watch.js';
import { SignalWatch } from './signal-watch.js';
import { CLOSE_GOING_AWAY } from './stream-protocol.js';
import type { StreamServices } from './stream-services.js';
import { StreamSession, type SessionHost } from './stream-session.js';
import type { StreamSettings } from './stream-settings.js';
import { TickHub } from './tick-hub.js';

/** What is live right now (for operations and tests). */
export interface StreamStats {
  readonly connections: number;
  /** Symbols with a price-feed subscription. */
  readonly feedSymbols: readonly string[];
  /** Challenges whose metrics are being watched. */
  readonly accounts: readonly string[];
  /** Trading accounts (by login) whose metrics are being watched. */
  readonly logins: readonly string[];
  /** Symbols whose signal is being refreshed. */
  readonly signals: readonly string[];
}

/**
 * The connections and what they share: the feed subscriptions (one per
 * symbol), the metrics watch of each challenge and of each trading account,
 * and the signal watch of each symbol, each released with its last listener.
 */
export class StreamHub implements SessionHost {
  readonly ticks: TickHub;
  readonly #sessions = new Set<StreamSession>();
  readonly #accounts = new Map<string, AccountWatch>();
  readonly #logins = new Map<string, AccountWatch>();
  readonly #signals = new Map<string, SignalWatch>();

  constructor(
    readonly services: StreamServices,
    readonly settings: StreamSettings,
  ) {
    this.ticks = new TickHub(services.feed, (error, symbol) => services.logger.error({ err: error, symbol }, 'stream tick delivery failed'));
  }

  accept(ws: WebSocket, access: VerifiedAccess): StreamSession {
    const session = new StreamSession(ws, access, this);
    this.#sessions.add(session);
    session.start();
    return session;
  }

  forget(session: StreamSession): void {
    this.#sessions.delete(session);
  }

  /** The watch of a challenge already checked to belong to `ownerId`. */
  account(challengeId: string, ownerId: string): AccountWatch {
    const requester = { userId: ownerId, role: 'trader' } as const;
    return this.#watch(this.#accounts, challengeId, 'challengeId', async () => {
      const result = await this.services.metrics.execute({ requester, challengeId });
      return result.ok ? { ok: true, value: watchedMetrics(result.value, result.value.account) } : result;
    });
  }

  /** The watch of a trading account (any kind) already checked to belong to `ownerId`. */
  login(login: string, ownerId: string): AccountWatch {
    const requester = { userId: ownerId, role: 'trader' } as const;
    return this.#watch(this.#logins, login, 'login', async () => {
      const result = await this.services.tradingAccountMetrics.execute({ requester, login });
      return result.ok ? { ok: true, value: watchedMetrics(result.value, result.value.login) } : result;
    });
  }

  #watch(watches: Map<string, AccountWatch>, key: string, keyName: string, read: MetricsReader): AccountWatch {
    let watch = watches.get(key);
    if (!watch) {
      const created: AccountWatch = new AccountWatch(
        key,
        read,
        {
          activity: this.services.activity,
          ticks: this.ticks,
          throttleMs: this.settings.metricsThrottleMs,
          onError: (error, id) => this.services.logger.warn({ err: error, [keyName]: id }, 'stream metrics refresh failed'),
        },
        () => {
          if (watches.get(key) === created) watches.delete(key);
        },
      );
      watches.set(key, (watch = created));
    }
    return watch;
  }

  signal(symbol: string): SignalWatch {
    let watch = this.#signals.get(symbol);
    if (!watch) {
      const created: SignalWatch = new SignalWatch(
        symbol,
        {
          signals: this.services.signals,
          clock: this.services.clock,
          refreshMs: this.settings.signalRefreshMs,
          onError: (error, name) => this.services.logger.warn({ err: error, symbol: name }, 'stream signal refresh failed'),
        },
        () => {
          if (this.#signals.get(symbol) === created) this.#signals.delete(symbol);
        },
      );
      this.#signals.set(symbol, (watch = created));
    }
    return watch;
  }

  heartbeat(): void {
    for (const session of [...this.#sessions]) session.heartbeat();
  }

  stats(): StreamStats {
    return {
      connections: this.#sessions.size,
      feedSymbols: this.ticks.symbols,
      accounts: [...this.#accounts.keys()].sort(),
      logins: [...this.#logins.keys()].sort(),
      signals: [...this.#signals.keys()].sort(),
    };
  }

  /** Says goodbye to every client (1001), cuts off those that do not answer within the grace period, and releases everything. */
  async close(): Promise<void> {
    const sessions = [...this.#sessions];
    for (const session of sessions) session.close(CLOSE_GOING_AWAY, 'server shutting down');
    let grace: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      grace = setTimeout(resolve, this.settings.closeGraceMs);
    });
    await Promise.race([Promise.all(sessions.map((session) => session.closed)), expired]);
    clearTimeout(grace);
    for (const session of [...this.#sessions]) session.terminate();
    await Promise.all(sessions.map((session) => session.closed));
    for (const watch of this.#accounts.values()) watch.close();
    for (const watch of this.#logins.values()) watch.close();
    for (const watch of this.#signals.values()) watch.close();
    this.#accounts.clear();
    this.#logins.clear();
    this.#signals.clear();
    this.ticks.close();
  }
}
