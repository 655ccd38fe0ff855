import { RiskWatchList, TRADING_PLATFORM, UNIT_OF_WORK, type RiskWatchCandidate } from '@tradesense/application';
import type { ManualClock } from '@tradesense/application/testing';
import { TRADING_CALENDAR, createFirstBootLogins, type Platform } from '@tradesense/bootstrap';
import { SIMULATED_TRADING_SERVER } from '@tradesense/bootstrap/testing';
import { Decimal } from '@tradesense/domain';
import { startHttpServer, type RunningHttpServer } from '@tradesense/http';
import { startSteppedWorker, type SteppedWorker } from '@tradesense/worker/testing';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';

/** Someone who signs in with e-mail and password, as a client app would. */
export interface Person {
  readonly email: string;
  readonly password: string;
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  // Response bodies are read field by field in the journeys.
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

interface Session {
  readonly token: string;
  readonly expiresAt: number;
  readonly refreshToken: string;
}

/** The worker's deferral of the day rollover after the reset (see platformJobs). */
const ROLLOVER_DELAY_MS = 15_000;

/**
 * An end-to-end journey on one platform: the people act only through the
 * HTTP API, and the test drives only the environment, as the world would:
 * the clock (a ManualClock the platform runs on), the simulated market's
 * prices, and the worker's parts at the moments its timers would run them
 * (the risk monitor at each reset, the scheduled jobs, the outbox).
 */
export class Journey {
  private readonly sessions = new Map<string, Session>();

  private constructor(
    private readonly platform: Platform,
    private readonly clock: ManualClock,
    private readonly http: RunningHttpServer,
    private readonly worker: SteppedWorker,
  ) {}

  static async start(platform: Platform, clock: ManualClock): Promise<Journey> {
    const worker = await startSteppedWorker(platform, 'journey-worker');
    const http = await startHttpServer(platform);
    // The journey pauses between requests while it runs the worker; an idle keep-alive connection
    // closed by the server just as the client reuses it would fail the next request (ECONNRESET).
    http.server.keepAliveTimeout = 10 * 60_000;
    const journey = new Journey(platform, clock, http, worker);
    // A fresh worker first catches up the due times of its look-back window.
    await worker.runDueJobs();
    return journey;
  }

  async stop(): Promise<void> {
    await this.http.stop();
    await this.worker.stop();
  }

  // ---- the people and the API ----------------------------------------------

  /** The logins an embedded install prints on its first boot: how the firm's first admin comes to exist. */
  async firstBootAdmin(): Promise<Person> {
    const logins = await createFirstBootLogins(this.platform);
    if (!logins) throw new Error('first-boot logins were already created');
    return logins.admin;
  }

  /** One JSON request; a person is signed in first (and the session renewed once the access token runs out on the journey's clock). */
  async call(method: string, path: string, who?: Person | null, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extraHeaders };
    if (who) headers['authorization'] = `Bearer ${await this.tokenOf(who)}`;
    return this.fetch(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  }

  /** Follows a link the platform handed out: its path and query, on the server under test (which listens on a port picked at start, not on the configured public base URL). */
  async follow(link: string): Promise<Reply> {
    const url = new URL(link);
    return this.fetch(`${url.pathname}${url.search}`, { method: 'GET' });
  }

  async login(who: Person): Promise<Reply> {
    const signedIn = await this.post('/v1/auth/login', { email: who.email, password: who.password });
    this.remember(who, signedIn);
    return signedIn;
  }

  /** The access token of a person's session; an expired one is renewed with the refresh token, as a client app does. */
  private async tokenOf(who: Person): Promise<string> {
    const session = this.sessions.get(who.email);
    if (session && session.expiresAt - this.clock.now().getTime() > 60_000) return session.token;
    const renewed = session ? await this.post('/v1/auth/refresh', { refreshToken: session.refreshToken }) : null;
    const current = renewed?.status === 200 ? renewed : await this.login(who);
    if (current.status !== 200) throw new Error(`sign-in of ${who.email}: ${current.status} ${JSON.stringify(current.body)}`);
    this.remember(who, current);
    return this.sessions.get(who.email)!.token;
  }

  private remember(who: Person, session: Reply): void {
    if (session.status !== 200) return;
    const { accessToken, accessTokenExpiresAt, refreshToken } = session.body as Record<string, string>;
    this.sessions.set(who.email, { token: accessToken!, expiresAt: Date.parse(accessTokenExpiresAt!), refreshToken: refreshToken! });
  }

  private post(path: string, body: unknown): Promise<Reply> {
    return this.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  private async fetch(path: string, init: RequestInit): Promise<Reply> {
    const response = await fetch(`${this.http.url}${path}`, init);
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      body = text;
    }
    return { status: response.status, headers: response.headers, body };
  }

  // ---- the environment -------------------------------------------------------

  /** The market quotes `symbol` at `bid` (ask = bid + spread) now. */
  async quote(symbol: string, bid: string, spread = '2.00'): Promise<void> {
    const price = new Decimal(bid);
    await this.platform.get(SIMULATED_TRADING_SERVER).pushTick({ symbol, bid: price, ask: price.plus(spread), time: this.clock.now() });
  }

  /**
   * Moves the clock forward to `instant`. Each firm reset on the way happens
   * as in production: the risk monitor closes the day at the reset, the
   * day-rollover job runs just after it, with every other job that is due
   * and the outbox delivered.
   */
  async advanceTo(instant: Date | string): Promise<void> {
    const target = new Date(instant);
    if (target.getTime() < this.clock.now().getTime()) throw new Error(`the clock does not go back (${target.toISOString()})`);
    for (const reset of this.platform.get(TRADING_CALENDAR).resetsBetween(this.clock.now(), target)) {
      this.clock.set(reset);
      await this.worker.rollover(reset);
      const rollover = new Date(reset.getTime() + ROLLOVER_DELAY_MS);
      if (rollover.getTime() > target.getTime()) break;
      this.clock.set(rollover);
      await this.worker.runDueJobs();
      await this.settle();
    }
    this.clock.set(target);
    await this.worker.runDueJobs();
    await this.settle();
  }

  /**
   * Lets the worker catch up, as its feeds and timers would within moments:
   * the risk monitor takes the accounts it owns and every platform deal of
   * them, its findings are handled, and the outbox (e-mails, follow-ups) is
   * delivered; repeated until nothing new comes up (a passed phase opens
   * the next account, a follow-up writes more messages).
   */
  async settle(): Promise<void> {
    const watchList = new RiskWatchList(this.platform.get(UNIT_OF_WORK));
    const key = (list: readonly RiskWatchCandidate[]) => list.map((c) => c.login).sort().join();
    for (let round = 0; round < 10; round += 1) {
      const before = await watchList.candidates();
      await this.worker.rebalance();
      await this.dealsTakenIn(watchList, before);
      await this.worker.idle();
      await this.worker.deliverOutbox();
      const after = await watchList.candidates();
      if (key(before) === key(after)) return;
    }
    throw new Error('the worker did not settle');
  }

  /** Every deal the platform has for these accounts is recorded (the risk monitor's deal feeds run on their own). */
  private async dealsTakenIn(watchList: RiskWatchList, accounts: readonly RiskWatchCandidate[]): Promise<void> {
    const tradingPlatform = this.platform.get(TRADING_PLATFORM);
    await vi.waitFor(
      async () => {
        for (const account of accounts) {
          const pending = await tradingPlatform.dealsAfter(account.login, await watchList.dealCursor(account.login), 1);
          if (pending.length > 0) throw new Error(`deal ${pending[0]!.dealId} of ${account.login} is not recorded yet`);
        }
      },
      { timeout: 10_000, interval: 5 },
    );
  }

  // ---- what people receive ---------------------------------------------------

  /** Subjects of the e-mails written for `to` by the file mailer (the embedded default), sorted. */
  mailSubjects(to: string): string[] {
    const directory = join(this.platform.config.dataDir, 'mail');
    let files: string[];
    try {
      files = readdirSync(directory).filter((file) => file.endsWith('.eml'));
    } catch {
      return [];
    }
    const subjects: string[] = [];
    for (const file of files) {
      const raw = readFileSync(join(directory, file), 'utf8');
      // RFC 5322 headers end at the first empty line; folded lines continue with whitespace.
      const headers = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ').split('\r\n');
      const header = (name: string) => headers.find((line) => line.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
      if (header('to')?.includes(to)) subjects.push(header('subject') ?? '');
    }
    return subjects.sort();
  }
}
