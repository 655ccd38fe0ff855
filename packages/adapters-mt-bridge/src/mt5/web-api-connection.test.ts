import http from 'node:http';
import { Decimal } from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { isTradingPlatformError } from '@tradesense/application';
import { FakeMt5Server, type FakeMt5ServerOptions } from '../testing/fake-mt5-server.js';
import { challengeAnswer, webApiPasswordHash } from './auth-hash.js';
import { Mt5TradingPlatform } from './mt5-trading-platform.js';
import { Mt5WebApiConnection, type Mt5ConnectionConfig } from './web-api-connection.js';

const PASSWORD = 'Manager#2024';
const open: { close(): unknown }[] = [];

afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function setUp(fakeOptions: FakeMt5ServerOptions = {}, connection: Partial<Mt5ConnectionConfig> = {}) {
  const fake = await FakeMt5Server.start({ managerLogin: '1000', managerPassword: PASSWORD, ...fakeOptions });
  open.push(fake);
  const client = new Mt5WebApiConnection({ baseUrl: fake.url, login: '1000', password: PASSWORD, ...connection });
  open.push(client);
  const platform = new Mt5TradingPlatform(client, { serverTime: { timeZone: 'UTC', shiftHours: 2 } });
  return { fake, client, platform };
}

const failureOf = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};

const newAccount = (platform: Mt5TradingPlatform) =>
  platform.createAccount({ group: 'demo\\t', leverage: 100, initialBalance: new Decimal(1000), swapFree: false, name: 'T' });

describe('MT5 Web API handshake', () => {
  it('authenticates once and keeps the session on one connection', async () => {
    const { fake, client, platform } = await setUp();
    const { login } = await newAccount(platform);
    await platform.getAccount(login);
    await platform.openPositions(login);
    expect(fake.counters.authentications).toBe(1);
    expect(fake.counters.connections).toBe(1);
    expect(client.stats.authentications).toBe(1);
  });

  it('fails the handshake with a wrong password', async () => {
    const { fake, platform } = await setUp({}, { password: 'Wrong#2024' });
    const error = await failureOf(platform.getAccount('1'));
    expect(isTradingPlatformError(error, 'PLATFORM.AUTH_FAILED')).toBe(true);
    expect(isTradingPlatformError(error) && error.retcode).toBe(3006);
    expect(fake.counters.authentications).toBe(0);
    expect(fake.counters.failedHandshakes).toBe(1);
  });

  it('refuses a server that cannot answer the client challenge', async () => {
    const { platform } = await setUp({ impostor: true });
    const error = await failureOf(platform.getAccount('1'));
    expect(isTradingPlatformError(error, 'PLATFORM.AUTH_FAILED')).toBe(true);
    expect(String(error)).toMatch(/client challenge/);
  });

  it('the fake enforces the 10-second window between start and answer', async () => {
    let now = Date.parse('2024-06-11T12:00:00Z');
    const fake = await FakeMt5Server.start({ managerPassword: PASSWORD, now: () => now });
    open.push(fake);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    open.push({ close: () => agent.destroy() });
    const get = (path: string) =>
      new Promise<Record<string, string>>((resolve, reject) => {
        http
          .get(`${fake.url}${path}`, { agent }, (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => resolve(JSON.parse(text) as Record<string, string>));
          })
          .on('error', reject);
      });
    const hash = webApiPasswordHash(PASSWORD);
    const handshake = async (delayMs: number) => {
      const start = await get('/api/auth/start?version=3000&agent=test&login=1000&type=manager');
      now += delayMs;
      return get(`/api/auth/answer?srv_rand_answer=${challengeAnswer(hash, start['srv_rand']!)}&cli_rand=${'ab'.repeat(16)}`);
    };
    expect((await handshake(10_001))['retcode']).toMatch(/^1007 /);
    const accepted = await handshake(9_000);
    expect(accepted['retcode']).toBe('0 Done');
    expect(accepted['cli_rand_answer']).toBe(challengeAnswer(hash, 'ab'.repeat(16)));
  });
});

describe('MT5 Web API session upkeep', () => {
  it('re-authenticates once when the server answers 403 mid-session', async () => {
    const { fake, client, platform } = await setUp();
    const { login } = await newAccount(platform);
    fake.expireSessions();
    expect((await platform.getAccount(login)).balance.toFixed(2)).toBe('1000.00');
    expect(fake.counters.forbidden).toBe(1);
    expect(fake.counters.authentications).toBe(2);
    expect(client.stats.reauthentications).toBe(1);
  });

  it('reconnects and re-authenticates after the connection is dropped', async () => {
    const { fake, client, platform } = await setUp();
    const { login } = await newAccount(platform);
    fake.dropConnections();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await platform.getAccount(login)).balance.toFixed(2)).toBe('1000.00');
    expect(fake.counters.connections).toBe(2);
    expect(fake.counters.authentications).toBe(2);
    expect(client.stats.authentications).toBe(2);
  });

  it('sends a read again when the connection breaks under it', async () => {
    const { fake, client, platform } = await setUp();
    const { login } = await newAccount(platform);
    fake.dropNextRequest('/api/user/account/get');
    expect((await platform.getAccount(login)).equity.toFixed(2)).toBe('1000.00');
    expect(client.stats.reconnects).toBe(1);
  });

  it('does not book a balance operation twice when its answer is lost', async () => {
    const { fake, platform } = await setUp();
    const { login } = await newAccount(platform);
    fake.dropAfterNextRequest('/api/trade/balance');
    const result = await platform.balanceOperation({ login, kind: 'deposit', amount: new Decimal('250'), clientOperationId: 'lost-answer' });
    const again = await platform.balanceOperation({ login, kind: 'deposit', amount: new Decimal('250'), clientOperationId: 'lost-answer' });
    expect(again.dealId).toBe(result.dealId);
    expect(fake.deals.filter((deal) => deal['Profit'] === '250.00')).toHaveLength(1);
    expect((await platform.getAccount(login)).balance.toFixed(2)).toBe('1250.00');
  });

  it('finds an operation booked before a restart instead of booking it again', async () => {
    const { fake, client, platform } = await setUp();
    const { login } = await newAccount(platform);
    const first = await platform.balanceOperation({ login, kind: 'withdrawal', amount: new Decimal('100'), clientOperationId: 'payout-77' });
    const restarted = new Mt5TradingPlatform(client, { serverTime: { timeZone: 'UTC', shiftHours: 2 } });
    const retry = await restarted.balanceOperation({ login, kind: 'withdrawal', amount: new Decimal('100'), clientOperationId: 'payout-77' });
    expect(retry).toMatchObject({ dealId: first.dealId, replayed: true });
    expect(fake.deals.filter((deal) => deal['Profit'] === '-100.00')).toHaveLength(1);
  });

  it('pings before the idle limit so the session survives quiet periods', async () => {
    // Node's agent drops a free socket a second before the server's advertised
    // keep-alive timeout, so the session lives only if pings keep it busy.
    const { fake, client, platform } = await setUp({ idleLimitMs: 2_000 }, { pingIntervalMs: 250 });
    const { login } = await newAccount(platform);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await platform.getAccount(login);
    expect(fake.counters.pings).toBeGreaterThanOrEqual(3);
    expect(client.stats.authentications).toBe(1);
    expect(fake.counters.connections).toBe(1);
  });

  it('maps 10019 from a withdrawal to NOT_ENOUGH_MONEY', async () => {
    const { fake, platform } = await setUp();
    const { login } = await newAccount(platform);
    fake.failNext('/api/trade/balance', '10019 Not enough money');
    const error = await failureOf(platform.balanceOperation({ login, kind: 'withdrawal', amount: new Decimal('10'), clientOperationId: 'w-10019' }));
    expect(isTradingPlatformError(error, 'PLATFORM.NOT_ENOUGH_MONEY')).toBe(true);
    expect(isTradingPlatformError(error) && error.retcode).toBe(10019);
  });
});

describe('MT5 Web API data', () => {
  it('turns string numbers into exact decimals and server time into real instants', async () => {
    const { fake, platform } = await setUp();
    const { login } = await newAccount(platform);
    await platform.balanceOperation({ login, kind: 'deposit', amount: new Decimal('0.10'), clientOperationId: 'tenth' });
    await platform.balanceOperation({ login, kind: 'deposit', amount: new Decimal('0.20'), clientOperationId: 'fifth' });
    const account = await platform.getAccount(login);
    expect(account.balance.eq(new Decimal('1000.30'))).toBe(true);
    const deals = await platform.dealsAfter(login, null);
    // The fake server stamps deals at UTC+2 wall-clock time.
    expect(Math.abs(deals[0]!.time.getTime() - Date.now())).toBeLessThan(5_000);
    expect(Number(fake.deals[0]!['TimeMsc']) - deals[0]!.time.getTime()).toBe(2 * 3_600_000);
  });

  it('syncs deals incrementally from the time of the last seen deal', async () => {
    const { fake, platform } = await setUp();
    const { login } = await newAccount(platform);
    const first = await platform.dealsAfter(login, null);
    await platform.balanceOperation({ login, kind: 'deposit', amount: new Decimal('5'), clientOperationId: 'inc-1' });
    fake.requestUrls.length = 0;
    const next = await platform.dealsAfter(login, first.at(-1)!.dealId);
    expect(next.map((deal) => deal.profit.toFixed(2))).toEqual(['5.00']);
    const pageRequest = fake.requestUrls.find((url) => url.startsWith('/api/deal/get_page'))!;
    expect(new URLSearchParams(pageRequest.split('?')[1]).get('from')).toBe(fake.deals[0]!['Time']);
  });

  it('disables trading through the rights bitmask', async () => {
    const { fake, platform } = await setUp();
    const { login } = await newAccount(platform);
    await platform.disableTrading(login);
    expect(BigInt(String(fake.users.get(login)!['Rights'])) & 4n).toBe(4n);
    await platform.enableTrading(login);
    expect(String(fake.users.get(login)!['Rights'])).toBe('483');
  });

  it('puts swap-free accounts in the swap-free sibling group', async () => {
    const { fake, platform } = await setUp();
    const credentials = await platform.createAccount({ group: 'real\\p1', leverage: 30, initialBalance: new Decimal(0), swapFree: true, name: 'S' });
    expect(credentials.group).toBe('real\\p1-SF');
    expect(fake.users.get(credentials.login)!['Group']).toBe('real\\p1-SF');
    expect(fake.deals).toHaveLength(0);
  });
});
