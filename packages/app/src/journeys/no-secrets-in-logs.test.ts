import { createLogger, type Platform } from '@tradesense/bootstrap';
import { SIMULATED_TRADING_SERVER, outboxPayloads, startTestPlatform } from '@tradesense/bootstrap/testing';
import { Decimal } from '@tradesense/domain';
import { startHttpServer, type RunningHttpServer } from '@tradesense/http';
import { startSteppedWorker, type SteppedWorker } from '@tradesense/worker/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';

/**
 * A whole HTTP journey logged at the most verbose level, then every secret it
 * used looked for in the log output: passwords, access and refresh tokens,
 * the checkout confirm token, the password-reset token and the platform
 * passwords of the trading account.
 */
const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString('utf8'));
    done();
  },
});
const dataDir = mkdtempSync(join(tmpdir(), 'tradesense-log-scan-'));
let platform: Platform;
let http: RunningHttpServer;
let worker: SteppedWorker;
const secrets = new Map<string, string>();

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${http.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as any) : null }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

beforeAll(async () => {
  platform = await startTestPlatform({
    env: { TRADESENSE_DATA_DIR: dataDir, AUTH_RATE_LIMIT_PER_MINUTE: '1000' },
    logger: createLogger('trace', { process: 'log-scan' }, sink),
  });
  http = await startHttpServer(platform);
  worker = await startSteppedWorker(platform, 'log-scan-worker');
});

afterAll(async () => {
  await worker?.stop();
  await http?.stop();
  await platform?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('no token, password or confirm link of a full journey reaches the logs', async () => {
  const email = `log-scan-${Date.now()}@example.com`;
  const password = 'Quartz-Harbour-Lantern-58';
  secrets.set('password', password);
  expect((await call('POST', '/v1/auth/register', { email, password, country: 'DE', displayName: 'Lou Logs' })).status).toBe(201);

  const signedIn = await call('POST', '/v1/auth/login', { email, password });
  expect(signedIn.status).toBe(200);
  secrets.set('first access token', signedIn.body.accessToken);
  secrets.set('first refresh token', signedIn.body.refreshToken);
  const refreshed = await call('POST', '/v1/auth/refresh', { refreshToken: signedIn.body.refreshToken });
  expect(refreshed.status).toBe(200);
  const accessToken: string = refreshed.body.accessToken;
  secrets.set('access token', accessToken);
  secrets.set('refresh token', refreshed.body.refreshToken);
  const bearer = { authorization: `Bearer ${accessToken}` };
  // A wrong password and a reused refresh token are logged as failures, still without the secrets.
  expect((await call('POST', '/v1/auth/login', { email, password: `${password}!` })).status).toBe(401);
  secrets.set('wrong password', `${password}!`);
  expect((await call('POST', '/v1/auth/refresh', { refreshToken: signedIn.body.refreshToken })).status).toBe(401);

  const catalog = await call('GET', '/v1/catalog');
  const model = catalog.body.models[0];
  const placed = await call('POST', '/v1/orders', { gatewayId: 'simulated', modelId: model.id, balance: model.sizes[0].balance }, { ...bearer, 'idempotency-key': 'log-scan-order' });
  expect(placed.status).toBe(201);
  const confirmToken = new URL(placed.body.checkout.redirectUrl).searchParams.get('token')!;
  secrets.set('checkout confirm token', confirmToken);
  const confirmUrl = new URL(placed.body.checkout.redirectUrl);
  expect((await call('GET', `${confirmUrl.pathname}${confirmUrl.search}`)).status).toBe(200);

  // Fulfilment opens the account when the confirmation commits; its passwords wait in the outbox until the e-mail goes.
  const challenges = await call('GET', '/v1/challenges', undefined, bearer);
  const challenge = challenges.body.items[0];
  expect(challenge).toBeDefined();
  const [ready] = await outboxPayloads(platform, challenge.id, 'email.trading_account_ready');
  secrets.set('platform password', String(ready!['password']));
  if (typeof ready!['investorPassword'] === 'string') secrets.set('platform investor password', ready!['investorPassword']);
  await worker.deliverOutbox();
  const now = new Date();
  await platform.get(SIMULATED_TRADING_SERVER).pushTick({ symbol: 'EURUSD', bid: new Decimal('1.08000'), ask: new Decimal('1.08010'), time: now });
  const traded = await call('POST', `/v1/challenges/${challenge.id}/trades`, { symbol: 'EURUSD', side: 'buy', volume: '0.10' }, bearer);
  expect(traded.status, JSON.stringify(traded.body)).toBe(201);

  // The stream takes its token in the query string.
  const socket = new WebSocket(`${http.url.replace('http', 'ws')}/v1/stream?access_token=${encodeURIComponent(accessToken)}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('message', () => resolve());
    socket.once('error', reject);
  });
  socket.close();

  expect((await call('POST', '/v1/auth/password-reset', { email })).status).toBe(202);
  const me = await call('GET', '/v1/me', undefined, bearer);
  const [reset] = await outboxPayloads(platform, me.body.userId, 'email.password_reset');
  const resetToken = new URL(String(reset!['resetUrl'])).searchParams.get('token')!;
  secrets.set('password reset token', resetToken);
  await worker.deliverOutbox();
  const newPassword = 'Velvet-Comet-Orchard-91';
  secrets.set('new password', newPassword);
  expect((await call('POST', '/v1/auth/password-reset/complete', { token: resetToken, newPassword })).status).toBe(204);
  expect((await call('POST', '/v1/auth/login', { email, password: newPassword })).status).toBe(200);

  const output = lines.join('');
  // The journey was logged (requests, deliveries), so the scan looks at something.
  expect(output).toContain('"url":"/v1/auth/login"');
  expect(output).toContain('/v1/payments/simulated/confirm?token=[redacted]');
  expect(secrets.size).toBeGreaterThanOrEqual(9);
  const leaked = [...secrets].filter(([, secret]) => secret.length >= 8 && output.includes(secret)).map(([name]) => name);
  expect(leaked).toEqual([]);
});
