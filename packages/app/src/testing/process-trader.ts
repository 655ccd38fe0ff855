import { Decimal } from '@tradesense/domain';
import { randomUUID } from 'node:crypto';
import type { AppProcess } from './app-process.js';

/** How long a condition polled over HTTP may take before a test gives up. */
const WAIT_MS = 60_000;
const POLL_MS = 250;

export interface Reply {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A trader signed in through the API (the access token is valid on every process sharing the platform's secret). */
export interface ProcessTrader {
  readonly email: string;
  readonly bearer: string;
}

export interface BoughtChallenge {
  readonly challengeId: string;
  /** The trading account's login. */
  readonly login: string;
}

export interface Position {
  readonly positionId: string;
  readonly symbol: string;
  readonly side: string;
  readonly volume: string;
  readonly openPrice: string;
  readonly openedAt: string;
}

export interface HistoryDeal {
  readonly dealId: string;
  readonly login: string;
  readonly time: string;
  readonly kind: string;
  readonly entry: string | null;
  readonly symbol: string | null;
  readonly positionId: string | null;
  readonly volume: string;
  readonly price: string;
  readonly profit: string;
  readonly swap: string;
  readonly commission: string;
  readonly balanceAfter: string;
}

export async function call(app: AppProcess, method: string, path: string, body?: unknown, trader?: ProcessTrader): Promise<Reply> {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(trader ? { authorization: `Bearer ${trader.bearer}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function expectStatus(reply: Reply, status: number, what: string): void {
  if (reply.status !== status) throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
}

/** Polls `probe` until it returns a value other than undefined, for at most `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function signUp(app: AppProcess, label: string): Promise<ProcessTrader> {
  const email = `${label}-${randomUUID()}@example.com`;
  const password = 'Harbour-Quartz-Lantern-27';
  expectStatus(await call(app, 'POST', '/v1/auth/register', { email, password, country: 'DE' }), 201, `registering ${email}`);
  const signedIn = await call(app, 'POST', '/v1/auth/login', { email, password });
  expectStatus(signedIn, 200, `signing in ${email}`);
  return { email, bearer: signedIn.body.accessToken as string };
}

/**
 * Buys the catalog's first model and size through the simulated gateway on
 * `app`, pays on `payOn` (the confirm link's path and query, on that
 * process), and waits until the challenge is active with its trading account.
 */
export async function buyChallenge(app: AppProcess, trader: ProcessTrader, payOn: AppProcess = app): Promise<BoughtChallenge> {
  const model = (await call(app, 'GET', '/v1/catalog')).body.models[0];
  const placed = await fetch(`${app.url}/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${trader.bearer}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify({ gatewayId: 'simulated', modelId: model.id, balance: model.sizes[0].balance }),
  });
  const order = (await placed.json()) as { order: { id: string }; checkout: { redirectUrl: string } };
  if (placed.status !== 201) throw new Error(`placing an order: ${placed.status} ${JSON.stringify(order)}`);
  // The link names the configured public address; the same path on the process under test is the same link.
  const confirm = new URL(order.checkout.redirectUrl);
  const paid = await call(payOn, 'GET', `${confirm.pathname}${confirm.search}`);
  expectStatus(paid, 200, 'following the confirm link');
  const challengeId = await eventually('the order to be fulfilled', async () => {
    const reply = await call(app, 'GET', `/v1/orders/${order.order.id}`, undefined, trader);
    return reply.body?.status === 'fulfilled' ? (reply.body.challengeId as string) : undefined;
  });
  const login = await eventually('the challenge to be active', async () => {
    const found = (await challenges(app, trader)).find((challenge) => challenge.id === challengeId);
    return found?.status === 'active' && found.account ? found.account : undefined;
  });
  return { challengeId, login };
}

export async function challenges(app: AppProcess, trader: ProcessTrader): Promise<{ id: string; status: string; account: string | null }[]> {
  const reply = await call(app, 'GET', '/v1/challenges?limit=100', undefined, trader);
  expectStatus(reply, 200, 'listing challenges');
  return reply.body.items;
}

/**
 * A market order on the challenge's account. The simulated market runs in
 * real time in the API process: right after a start it may not have quoted
 * yet, so a refusal for want of a price is retried for a while.
 */
export async function openPosition(
  app: AppProcess,
  trader: ProcessTrader,
  challengeId: string,
  order: { symbol: string; side: 'buy' | 'sell'; volume: string } = { symbol: 'EURUSD', side: 'buy', volume: '0.10' },
): Promise<{ positionId: string; dealId: string; price: string }> {
  return eventually(`a fill of ${order.symbol}`, async () => {
    const reply = await call(app, 'POST', `/v1/challenges/${challengeId}/trades`, order, trader);
    if (reply.status === 422 && reply.body?.details?.platformCode === 'PLATFORM.NO_PRICE') return undefined;
    expectStatus(reply, 201, `opening ${order.symbol}`);
    return reply.body as { positionId: string; dealId: string; price: string };
  });
}

export async function closePosition(app: AppProcess, trader: ProcessTrader, challengeId: string, positionId: string): Promise<string> {
  const reply = await call(app, 'DELETE', `/v1/challenges/${challengeId}/positions/${positionId}`, undefined, trader);
  expectStatus(reply, 200, `closing position ${positionId}`);
  return reply.body.dealId as string;
}

/** Open positions without their moving figures (current price, profit, swap). */
export async function positions(app: AppProcess, trader: ProcessTrader, challengeId: string): Promise<Position[]> {
  const reply = await call(app, 'GET', `/v1/challenges/${challengeId}/positions`, undefined, trader);
  expectStatus(reply, 200, `positions of ${challengeId}`);
  return (reply.body.items as Position[])
    .map(({ positionId, symbol, side, volume, openPrice, openedAt }) => ({ positionId, symbol, side, volume, openPrice, openedAt }))
    .sort((a, b) => Number(a.positionId) - Number(b.positionId));
}

/** Every deal recorded for the challenge, oldest first. */
export async function history(app: AppProcess, trader: ProcessTrader, challengeId: string): Promise<HistoryDeal[]> {
  const deals: HistoryDeal[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const reply = await call(app, 'GET', `/v1/challenges/${challengeId}/history?limit=100${query}`, undefined, trader);
    expectStatus(reply, 200, `history of ${challengeId}`);
    deals.push(...(reply.body.items as HistoryDeal[]));
    cursor = reply.body.nextCursor as string | null;
  } while (cursor);
  return deals.reverse();
}

/** Waits until the challenge's history holds every one of `dealIds` (deals reach it through the worker) and returns it. */
export function historyWith(app: AppProcess, trader: ProcessTrader, challengeId: string, dealIds: readonly string[]): Promise<HistoryDeal[]> {
  return eventually(`deals ${dealIds.join(', ')} in the history of ${challengeId}`, async () => {
    const deals = await history(app, trader, challengeId);
    const recorded = new Set(deals.map((deal) => deal.dealId));
    return dealIds.every((id) => recorded.has(id)) ? deals : undefined;
  });
}

/** The balance the deals add up to: deposits, realised profits, swaps and commissions. */
export function ledgerBalance(deals: readonly HistoryDeal[]): string {
  return deals.reduce((sum, deal) => sum.plus(deal.profit).plus(deal.swap).plus(deal.commission), new Decimal(0)).toFixed(2);
}

export async function accountBalance(app: AppProcess, trader: ProcessTrader, challengeId: string): Promise<string> {
  const reply = await call(app, 'GET', `/v1/challenges/${challengeId}/metrics`, undefined, trader);
  expectStatus(reply, 200, `metrics of ${challengeId}`);
  return reply.body.balance as string;
}
