import { createEmptyServerDatabase, type EmptyServerDatabase } from '@tradesense/bootstrap/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../testing/app-process.js';
import {
  accountBalance,
  buyChallenge,
  call,
  closePosition,
  eventually,
  history,
  historyWith,
  ledgerBalance,
  openPosition,
  positions,
  signUp,
  type BoughtChallenge,
  type ProcessTrader,
} from '../testing/process-trader.js';

const serverUrl = process.env['TEST_DATABASE_URL'];
if (!serverUrl && process.env['CI'] === 'true') {
  throw new Error('CI=true but TEST_DATABASE_URL is not set: the shared simulated trading server must be tested on PostgreSQL');
}
const TRADERS = 4;

/**
 * Server mode on PostgreSQL: two API processes (`start:http`) and a worker
 * (`start:worker`) on one database, each with its own simulated trading
 * server over the shared books. Traders buy challenges through both
 * processes at once and every account gets its own login; a position opened
 * through one process is seen and closed through the other, closes once,
 * and its deals reach the history through the worker.
 */
describe.skipIf(!serverUrl)('two API processes on one PostgreSQL database share one simulated trading server', () => {
  let database: EmptyServerDatabase | undefined;
  let workDir = '';
  const started: AppProcess[] = [];
  let one: AppProcess;
  let two: AppProcess;
  const traders: { trader: ProcessTrader; challenge: BoughtChallenge }[] = [];

  beforeAll(async () => {
    database = await createEmptyServerDatabase(serverUrl!, 'ts_sim');
    workDir = mkdtempSync(join(tmpdir(), 'tradesense-simulator-shared-'));
    const env = {
      DATABASE_URL: database.url,
      KYC_DOCUMENT_HASH_KEY: 'k'.repeat(32),
      // One secret for every process: a confirm link made by one is honoured by the other.
      SIMULATED_PAYMENTS_SECRET: 's'.repeat(32),
      TRADESENSE_DATA_DIR: workDir,
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
      // The worker takes up a new trading account at its next heartbeat: one second here.
      WORKER_HEARTBEAT_SECONDS: '1',
      DATABASE_POOL_MAX: '4',
    };
    const start = async (entry: 'http' | 'worker', migrate: boolean) => {
      const child = await startAppProcess({ ...env, MIGRATE_ON_START: String(migrate) }, { entry });
      started.push(child);
      return child;
    };
    // The first process migrates the empty database; the others start on the migrated schema.
    one = await start('http', true);
    [two] = await Promise.all([start('http', false), start('worker', false)]);
  }, 240_000);
  afterAll(async () => {
    await Promise.all(started.map((child) => child.stop('SIGKILL')));
    await database?.drop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('challenges bought through both processes at once get distinct logins', { timeout: 120_000 }, async () => {
    const bought = await Promise.all(
      Array.from({ length: TRADERS }, async (_, i) => {
        // Odd traders order through the second process, and each pays through the other process.
        const [ordering, paying] = i % 2 === 0 ? [one, two] : [two, one];
        const trader = await signUp(ordering, `shared-${i}`);
        return { trader, challenge: await buyChallenge(ordering, trader, paying) };
      }),
    );
    traders.push(...bought);
    const logins = bought.map((entry) => entry.challenge.login);
    expect(new Set(logins).size).toBe(TRADERS);
    // Every process reads each account's own initial deposit and nothing else.
    for (const [i, { trader, challenge }] of bought.entries()) {
      const app = i % 2 === 0 ? two : one;
      expect(await positions(app, trader, challenge.challengeId)).toEqual([]);
      const deals = await eventually('the initial deposit in the history', async () => {
        const recorded = await history(app, trader, challenge.challengeId);
        return recorded.length > 0 ? recorded : undefined;
      });
      expect(deals).toEqual([expect.objectContaining({ login: challenge.login, kind: 'balance', profit: expect.stringMatching(/^[1-9][0-9]*\.00$/) })]);
    }
  });

  it('a position opened through one process is seen and closed through the other, once', { timeout: 120_000 }, async () => {
    const { trader, challenge } = traders[0]!;
    const opened = await openPosition(one, trader, challenge.challengeId, { symbol: 'EURUSD', side: 'buy', volume: '0.10' });
    const kept = await openPosition(two, trader, challenge.challengeId, { symbol: 'XAUUSD', side: 'sell', volume: '0.10' });

    const seenByOne = await positions(one, trader, challenge.challengeId);
    const seenByTwo = await positions(two, trader, challenge.challengeId);
    expect(seenByTwo).toEqual(seenByOne);
    expect(seenByTwo).toEqual([
      expect.objectContaining({ positionId: opened.positionId, symbol: 'EURUSD', side: 'buy', volume: '0.1', openPrice: opened.price }),
      expect.objectContaining({ positionId: kept.positionId, symbol: 'XAUUSD', side: 'sell', volume: '0.1', openPrice: kept.price }),
    ]);

    const closed = await closePosition(two, trader, challenge.challengeId, opened.positionId);
    // The other process finds it closed: no second closing deal.
    const again = await call(one, 'DELETE', `/v1/challenges/${challenge.challengeId}/positions/${opened.positionId}`, undefined, trader);
    expect(again.status).toBe(404);
    for (const app of [one, two]) {
      expect((await positions(app, trader, challenge.challengeId)).map((position) => position.positionId)).toEqual([kept.positionId]);
    }

    // The deals booked by both processes reach the history through the worker, in ticket order.
    const deals = await historyWith(one, trader, challenge.challengeId, [opened.dealId, kept.dealId, closed]);
    expect(await history(two, trader, challenge.challengeId)).toEqual(deals);
    expect(deals.map((deal) => [deal.dealId, deal.entry, deal.positionId])).toEqual([
      [expect.any(String), null, null],
      [opened.dealId, 'in', opened.positionId],
      [kept.dealId, 'in', kept.positionId],
      [closed, 'out', opened.positionId],
    ]);
    expect(deals[1]!.price).toBe(opened.price);
    expect(deals[2]!.price).toBe(kept.price);
    expect(await accountBalance(one, trader, challenge.challengeId)).toBe(ledgerBalance(deals));
    expect(await accountBalance(two, trader, challenge.challengeId)).toBe(ledgerBalance(deals));

    // Another trader reaches none of it through either process.
    const other = traders[1]!.trader;
    for (const app of [one, two]) {
      expect((await call(app, 'GET', `/v1/challenges/${challenge.challengeId}/positions`, undefined, other)).status).toBe(404);
      expect((await call(app, 'DELETE', `/v1/challenges/${challenge.challengeId}/positions/${kept.positionId}`, undefined, other)).status).toBe(404);
      expect(await positions(app, other, traders[1]!.challenge.challengeId)).toEqual([]);
    }
  });
});
