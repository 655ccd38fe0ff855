import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { TradingPlatformError, type TradingPlatformErrorCode } from '@tradesense/application';
import { challengeAnswer, isChallenge, webApiPasswordHash } from './auth-hash.js';
import { isSuccess, parseRetcode, retcodeError } from './retcode.js';

export interface Mt5ConnectionConfig {
  /** `https://host:443` for a real server; plain `http://` only for local fakes. */
  readonly baseUrl: string;
  /** Manager account login and password. */
  readonly login: string;
  readonly password: string;
  /** Name shown in the access server log (no spaces). */
  readonly agent?: string;
  /** Client version sent with `auth/start`; MetaQuotes asks for 484 or more. */
  readonly version?: number;
  readonly requestTimeoutMs?: number;
  /** Idle time after which a ping keeps the session's connection open. */
  readonly pingIntervalMs?: number;
  readonly tls?: { readonly rejectUnauthorized?: boolean; readonly ca?: string | Buffer };
}

export type Mt5Json = Record<string, unknown>;

export interface Mt5RequestOptions {
  /** A read that may be sent again after a broken connection. */
  readonly idempotent: boolean;
  /** What "13 Not found" means for this command. */
  readonly notFound?: TradingPlatformErrorCode;
}

interface RawResponse {
  readonly status: number;
  readonly json: Mt5Json | null;
  readonly socket: Socket | null;
}

/**
 * One authenticated MT5 Web API session. The server binds the session to the
 * TCP connection, so all requests share one kept-alive socket (in order); a
 * closed socket or a 403 means the session is gone and is re-established once
 * before the request is sent again.
 */
export class Mt5WebApiConnection {
  readonly #url: URL;
  readonly #transport: typeof http | typeof https;
  readonly #agent: http.Agent;
  readonly #passwordHash: Buffer;
  readonly #timeoutMs: number;
  readonly #pingIntervalMs: number;
  #sessionSocket: Socket | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #lastActivity = 0;
  #pingTimer: NodeJS.Timeout | null = null;
  #closed = false;
  readonly #watched = new WeakSet<Socket>();
  /** Counters for monitoring and tests. */
  readonly stats = { authentications: 0, reauthentications: 0, reconnects: 0, pings: 0 };

  constructor(private readonly config: Mt5ConnectionConfig) {
    this.#url = new URL(config.baseUrl);
    const secure = this.#url.protocol === 'https:';
    this.#transport = secure ? https : http;
    const agentOptions = { keepAlive: true, maxSockets: 1, maxFreeSockets: 1 };
    this.#agent = secure
      ? new https.Agent({ ...agentOptions, rejectUnauthorized: config.tls?.rejectUnauthorized ?? true, ca: config.tls?.ca })
      : new http.Agent(agentOptions);
    this.#passwordHash = webApiPasswordHash(config.password);
    this.#timeoutMs = config.requestTimeoutMs ?? 15_000;
    this.#pingIntervalMs = config.pingIntervalMs ?? 20_000;
  }

  get authenticated(): boolean {
    return this.#sessionSocket !== null && !this.#sessionSocket.destroyed;
  }

  get(path: string, query: Record<string, string | number>, options: Mt5RequestOptions): Promise<Mt5Json> {
    return this.#exclusive(() => this.#call('GET', path, query, undefined, options));
  }

  post(path: string, query: Record<string, string | number>, body: unknown, options: Mt5RequestOptions): Promise<Mt5Json> {
    return this.#exclusive(() => this.#call('POST', path, query, JSON.stringify(body), options));
  }

  /** Stops pinging and closes the connection. */
  close(): void {
    this.#closed = true;
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    this.#pingTimer = null;
    this.#sessionSocket = null;
    this.#agent.destroy();
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(work, work);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #call(method: string, path: string, query: Record<string, string | number>, body: string | undefined, options: Mt5RequestOptions): Promise<Mt5Json> {
    if (this.#closed) throw new TradingPlatformError('PLATFORM.UNAVAILABLE', 'MT5 connection is closed');
    for (let attempt = 0; ; attempt += 1) {
      if (!this.authenticated) await this.#authenticate();
      let response: RawResponse;
      try {
        response = await this.#send(method, withQuery(path, query), body);
      } catch (error) {
        this.#sessionSocket = null;
        if (options.idempotent && attempt === 0) {
          this.stats.reconnects += 1;
          continue;
        }
        throw new TradingPlatformError('PLATFORM.UNAVAILABLE', `${path}: ${describe(error)}`, null, {
          command: path,
          // A write whose answer was lost may or may not have been carried out.
          outcomeUnknown: !options.idempotent,
        });
      }
      if (response.status === 403) {
        // The server no longer knows this connection: authenticate once more.
        this.#sessionSocket = null;
        if (attempt === 0) {
          this.stats.reauthentications += 1;
          continue;
        }
        throw new TradingPlatformError('PLATFORM.AUTH_FAILED', `${path}: still forbidden after re-authentication`, null, { command: path });
      }
      const json = this.#checked(response, path);
      const retcode = parseRetcode(json['retcode']);
      if (!isSuccess(retcode)) throw retcodeError(retcode, { command: path, notFound: options.notFound });
      this.#lastActivity = Date.now();
      return json;
    }
  }

  async #authenticate(): Promise<void> {
    // Both steps must travel on one connection; if the socket changed in between
    // (an idle socket expired), the server saw half a handshake: start again once.
    for (let attempt = 0; ; attempt += 1) {
      const agent = this.config.agent ?? 'TradeSense';
      const start = await this.#handshakeStep(
        withQuery('/api/auth/start', { version: this.config.version ?? 3000, agent, login: this.config.login, type: 'manager' }),
      );
      const serverChallenge = start.json['srv_rand'];
      if (!isRetcodeOk(start.json)) throw handshakeRefused(start.json);
      if (!isChallenge(serverChallenge)) throw authFailure('auth/start returned no srv_rand');
      const clientChallenge = randomBytes(16).toString('hex');
      const answer = await this.#handshakeStep(
        withQuery('/api/auth/answer', { srv_rand_answer: challengeAnswer(this.#passwordHash, serverChallenge), cli_rand: clientChallenge }),
      );
      if (start.socket !== answer.socket) {
        if (attempt === 0) continue;
        throw authFailure('the connection changed during the handshake');
      }
      if (!isRetcodeOk(answer.json)) throw handshakeRefused(answer.json);
      // The server proves it knows the password too; anything else is an impostor.
      const expected = challengeAnswer(this.#passwordHash, clientChallenge);
      if (String(answer.json['cli_rand_answer'] ?? '').toLowerCase() !== expected) {
        answer.socket?.destroy();
        throw authFailure('the server answered the client challenge wrongly');
      }
      this.#sessionSocket = answer.socket;
      this.#lastActivity = Date.now();
      this.stats.authentications += 1;
      this.#startPinging();
      return;
    }
  }

  async #handshakeStep(path: string): Promise<{ json: Mt5Json; socket: Socket | null }> {
    let response: RawResponse;
    try {
      response = await this.#send('GET', path, undefined);
    } catch (error) {
      throw new TradingPlatformError('PLATFORM.UNAVAILABLE', `MT5 handshake: ${describe(error)}`);
    }
    return { json: this.#checked(response, path), socket: response.socket };
  }

  #checked(response: RawResponse, path: string): Mt5Json {
    if (response.status !== 200 || response.json === null) {
      throw new TradingPlatformError('PLATFORM.UNAVAILABLE', `${path}: HTTP ${response.status}`, null, { httpStatus: response.status });
    }
    return response.json;
  }

  #send(method: string, path: string, body: string | undefined): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      let socket: Socket | null = null;
      const request = this.#transport.request(
        {
          protocol: this.#url.protocol,
          hostname: this.#url.hostname,
          port: this.#url.port,
          method,
          path,
          agent: this.#agent,
          headers: {
            Connection: 'keep-alive',
            Accept: 'application/json',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: response.statusCode ?? 0, json: parseJson(text), socket });
          });
        },
      );
      request.on('socket', (assigned: Socket) => {
        socket = assigned;
        this.#watch(assigned);
      });
      request.setTimeout(this.#timeoutMs, () => request.destroy(new Error(`no answer within ${this.#timeoutMs} ms`)));
      request.on('error', reject);
      request.end(body);
    });
  }

  #watch(socket: Socket): void {
    if (this.#watched.has(socket)) return;
    this.#watched.add(socket);
    socket.once('close', () => {
      if (this.#sessionSocket === socket) this.#sessionSocket = null;
    });
  }

  #startPinging(): void {
    if (this.#pingTimer || this.#closed) return;
    const every = Math.max(10, Math.floor(this.#pingIntervalMs / 4));
    this.#pingTimer = setInterval(() => {
      if (!this.authenticated || Date.now() - this.#lastActivity < this.#pingIntervalMs) return;
      this.#lastActivity = Date.now();
      this.stats.pings += 1;
      this.get('/api/test/access', {}, { idempotent: true }).catch(() => undefined);
    }, every);
    this.#pingTimer.unref();
  }
}

const withQuery = (path: string, query: Record<string, string | number> = {}): string => {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)])).toString();
  return search ? `${path}?${search}` : path;
};

const parseJson = (text: string): Mt5Json | null => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Mt5Json) : null;
  } catch {
    return null;
  }
};

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const isRetcodeOk = (json: Mt5Json): boolean => isSuccess(parseRetcode(json['retcode']));

const handshakeRefused = (json: Mt5Json): TradingPlatformError => {
  const retcode = parseRetcode(json['retcode']);
  return new TradingPlatformError('PLATFORM.AUTH_FAILED', `MT5 handshake refused: ${retcode.code} ${retcode.text}`, retcode.code);
};

const authFailure = (message: string): TradingPlatformError => new TradingPlatformError('PLATFORM.AUTH_FAILED', `MT5 handshake: ${message}`);
