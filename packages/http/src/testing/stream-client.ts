import WebSocket from 'ws';
import { ServerMessage } from '../stream/stream-protocol.js';

/** A message as received, checked against the protocol schema and kept as plain JSON for exact comparisons. */
export type Received = ServerMessage & Record<string, unknown>;

const WAIT_MS = 5_000;

/**
 * A real `ws` client for stream tests: every message is parsed with the
 * protocol schema and queued, and `next()` hands them over in arrival order.
 */
export class StreamClient {
  readonly #inbox: Received[] = [];
  readonly #waiting: ((message: Received) => void)[] = [];
  readonly #closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const json = JSON.parse(String(data)) as unknown;
      // Validated against the protocol, then kept as sent (parsing would drop keys the schema does not list).
      ServerMessage.parse(json);
      const message = json as Received;
      const waiter = this.#waiting.shift();
      if (waiter) waiter(message);
      else this.#inbox.push(message);
    });
    this.#closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  /** Connects to `/v1/stream` (or `path`) with the token in the header or the query. */
  static async open(baseUrl: string, token: string, via: 'header' | 'query' = 'header', path = '/v1/stream'): Promise<StreamClient> {
    const url = `${baseUrl.replace(/^http/, 'ws')}${path}${via === 'query' ? `?access_token=${encodeURIComponent(token)}` : ''}`;
    const ws = new WebSocket(url, via === 'header' ? { headers: { authorization: `Bearer ${token}` } } : {});
    const client = new StreamClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** The status and problem body an upgrade is refused with. */
  static async refusal(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => reject(new Error('the upgrade was accepted')));
      ws.once('error', () => undefined);
      ws.once('unexpected-response', (_request, response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null }));
      });
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message));
  }

  /** The next message in arrival order. */
  next(): Promise<Received> {
    const queued = this.#inbox.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.splice(this.#waiting.indexOf(deliver), 1);
        reject(new Error('no message arrived'));
      }, WAIT_MS);
      const deliver = (message: Received): void => {
        clearTimeout(timer);
        resolve(message);
      };
      this.#waiting.push(deliver);
    });
  }

  /** The next messages, as many as asked. */
  async take(count: number): Promise<Received[]> {
    const taken: Received[] = [];
    for (let index = 0; index < count; index++) taken.push(await this.next());
    return taken;
  }

  /**
   * A ping round trip: the server answers in order, so when the pong is the
   * next message nothing else was sent before it.
   */
  async expectNothingElse(): Promise<void> {
    this.send({ type: 'ping' });
    const message = await this.next();
    if (message.type !== 'pong') throw new Error(`expected nothing before the pong, got ${JSON.stringify(message)}`);
  }

  closed(): Promise<{ code: number; reason: string }> {
    return this.#closed;
  }

  async close(): Promise<void> {
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.close();
    await this.#closed;
  }
}
