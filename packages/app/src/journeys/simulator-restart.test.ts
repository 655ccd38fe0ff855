import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../testing/app-process.js';
import {
  accountBalance,
  buyChallenge,
  call,
  challenges,
  closePosition,
  eventually,
  history,
  historyWith,
  ledgerBalance,
  openPosition,
  positions,
  signUp,
  type BoughtChallenge,
  type HistoryDeal,
  type Position,
  type ProcessTrader,
} from '../testing/process-trader.js';

/** Trades sent at once just before the process is killed. */
const IN_FLIGHT_TRADES = 4;

/**
 * The embedded platform (`npm start`) as a real process: trader P buys and
 * trades, the process is stopped (SIGTERM) and started again on the same
 * data directory, P trades more, the process is killed (SIGKILL) with
 * orders in flight and started once more, then trader Q buys a challenge.
 * The simulated trading server keeps its books and its login sequence in
 * the database, so P finds the same positions and deals after each restart,
 * and Q never gets one of P's logins (a server that handed out logins from
 * the first one again at each start gave Q P's account).
 *
 * The simulated market quotes every symbol every second, every day of the
 * week (it has no trading sessions), so the test does not depend on the day
 * it runs.
 */
describe('the embedded platform stopped, killed and restarted', () => {
  let workDir = '';
  let env: Record<string, string> = {};
  let app: AppProcess | undefined;
  let p: ProcessTrader;
  let q: ProcessTrader;
  let first: BoughtChallenge;
  let second: BoughtChallenge;
  let qChallenge: BoughtChallenge;
  /** Deal tickets the API answered P with, per challenge. */
  const known = new Map<string, string[]>();
  let beforeKill: { positions: Position[]; history: HistoryDeal[] };
  const remember = (challengeId: string, ...dealIds: string[]) => known.set(challengeId, [...(known.get(challengeId) ?? []), ...dealIds]);
  const restart = async () => {
    app = await startAppProcess(env);
    return app;
  };

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'tradesense-simulator-restart-'));
    // A new trading account is taken up by the worker at its next heartbeat: one second here.
    env = { TRADESENSE_DATA_DIR: workDir, AUTH_RATE_LIMIT_PER_MINUTE: '1000', WORKER_HEARTBEAT_SECONDS: '1' };
  });
  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
  });

  it('P buys a challenge, closes one position and keeps one open', { timeout: 180_000 }, async () => {
    const running = await restart();
    p = await signUp(running, 'trader-p');
    first = await buyChallenge(running, p);
    const opened = await openPosition(running, p, first.challengeId);
    const kept = await openPosition(running, p, first.challengeId, { symbol: 'EURUSD', side: 'sell', volume: '0.20' });
    const closed = await closePosition(running, p, first.challengeId, opened.positionId);
    remember(first.challengeId, opened.dealId, kept.dealId, closed);

    const open = await positions(running, p, first.challengeId);
    expect(open).toEqual([expect.objectContaining({ positionId: kept.positionId, symbol: 'EURUSD', side: 'sell', volume: '0.2', openPrice: kept.price })]);
    const deals = await historyWith(running, p, first.challengeId, known.get(first.challengeId)!);
    expect(deals.map((deal) => deal.login)).toEqual(deals.map(() => first.login));
    expect(deals.find((deal) => deal.dealId === opened.dealId)).toMatchObject({ entry: 'in', positionId: opened.positionId, price: opened.price });
    expect(deals.find((deal) => deal.dealId === kept.dealId)).toMatchObject({ entry: 'in', positionId: kept.positionId, price: kept.price });
    expect(deals.find((deal) => deal.dealId === closed)).toMatchObject({ entry: 'out', positionId: opened.positionId });
    expect(await accountBalance(running, p, first.challengeId)).toBe(ledgerBalance(deals));
    beforeKill = { positions: open, history: deals };
  });

  it('after SIGTERM and a restart P finds the same books, trades on, and a new account gets a new login', { timeout: 180_000 }, async () => {
    expect(await app!.stop('SIGTERM')).toBe('0');
    const running = await restart();
    expect(await positions(running, p, first.challengeId)).toEqual(beforeKill.positions);
    expect(await history(running, p, first.challengeId)).toEqual(beforeKill.history);
    expect(await accountBalance(running, p, first.challengeId)).toBe(ledgerBalance(beforeKill.history));

    // The login sequence goes on from the last login handed out before the stop.
    second = await buyChallenge(running, p);
    expect(second.login).not.toBe(first.login);
    expect(await positions(running, p, second.challengeId)).toEqual([]);

    const more = await openPosition(running, p, first.challengeId);
    const closed = await closePosition(running, p, first.challengeId, beforeKill.positions[0]!.positionId);
    const onSecond = await openPosition(running, p, second.challengeId, { symbol: 'GBPUSD', side: 'buy', volume: '0.10' });
    remember(first.challengeId, more.dealId, closed);
    remember(second.challengeId, onSecond.dealId);
    expect((await positions(running, p, first.challengeId)).map((position) => position.positionId)).toEqual([more.positionId]);
    expect((await positions(running, p, second.challengeId)).map((position) => position.positionId)).toEqual([onSecond.positionId]);
    const deals = await historyWith(running, p, first.challengeId, known.get(first.challengeId)!);
    // The deals from before the stop keep their tickets, prices and times.
    expect(deals.slice(0, beforeKill.history.length)).toEqual(beforeKill.history);
    await historyWith(running, p, second.challengeId, known.get(second.challengeId)!);
  });

  it('after SIGKILL with orders in flight and a restart every position has its deal and the books add up', { timeout: 180_000 }, async () => {
    const dying = app!;
    const before = await positions(dying, p, first.challengeId);
    const sent = Array.from({ length: IN_FLIGHT_TRADES }, () =>
      call(dying, 'POST', `/v1/challenges/${first.challengeId}/trades`, { symbol: 'EURUSD', side: 'buy', volume: '0.01' }, p).then(
        (reply) => ({ reply }),
        (error: unknown) => ({ error }),
      ),
    );
    // Killed as soon as the first of them is answered: the others are somewhere between the socket and the books.
    await Promise.race(sent);
    expect(await dying.stop('SIGKILL')).toBe('SIGKILL');
    const outcomes = await Promise.all(sent);
    const replies = outcomes.flatMap((outcome) => ('reply' in outcome ? [outcome.reply] : []));
    expect(replies.length).toBeGreaterThanOrEqual(1);
    for (const reply of replies) expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const answered = replies.map((reply) => reply.body as { positionId: string; dealId: string; price: string });
    remember(first.challengeId, ...answered.map((fill) => fill.dealId));

    const running = await restart();
    const after = await positions(running, p, first.challengeId);
    // Nothing from before is lost; every answered order is there; each order is booked whole or not at all.
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    expect(added.length).toBeGreaterThanOrEqual(answered.length);
    expect(added.length).toBeLessThanOrEqual(IN_FLIGHT_TRADES);
    for (const fill of answered) expect(added).toContainEqual(expect.objectContaining({ positionId: fill.positionId, openPrice: fill.price }));
    const deals = await eventually('the opening deal of every position in the history', async () => {
      const recorded = await history(running, p, first.challengeId);
      const opening = new Set(recorded.filter((deal) => deal.entry === 'in').map((deal) => deal.positionId));
      return after.every((position) => opening.has(position.positionId)) && known.get(first.challengeId)!.every((id) => recorded.some((deal) => deal.dealId === id))
        ? recorded
        : undefined;
    });
    for (const position of added) {
      expect(deals.filter((deal) => deal.positionId === position.positionId)).toEqual([
        expect.objectContaining({ entry: 'in', kind: 'buy', price: position.openPrice, time: position.openedAt, volume: '0.01' }),
      ]);
    }
    expect(await accountBalance(running, p, first.challengeId)).toBe(ledgerBalance(deals));
    beforeKill = { positions: after, history: deals };
  });

  it('Q gets a login P never had and neither trader sees or trades the other’s account', { timeout: 180_000 }, async () => {
    const running = app!;
    const secondBefore = { positions: await positions(running, p, second.challengeId), history: await history(running, p, second.challengeId) };
    q = await signUp(running, 'trader-q');
    qChallenge = await buyChallenge(running, q);
    const pLogins = (await challenges(running, p)).map((challenge) => challenge.account);
    expect(pLogins.sort()).toEqual([first.login, second.login].sort());
    expect(pLogins).not.toContain(qChallenge.login);

    // Q's account is new: its own deposit and nothing of P's.
    expect(await positions(running, q, qChallenge.challengeId)).toEqual([]);
    const qFill = await openPosition(running, q, qChallenge.challengeId, { symbol: 'USDJPY', side: 'sell', volume: '0.10' });
    expect((await positions(running, q, qChallenge.challengeId)).map((position) => position.positionId)).toEqual([qFill.positionId]);
    const qDeals = await historyWith(running, q, qChallenge.challengeId, [qFill.dealId]);
    expect(qDeals.map((deal) => [deal.login, deal.entry])).toEqual([
      [qChallenge.login, null],
      [qChallenge.login, 'in'],
    ]);
    const pDealIds = new Set([...beforeKill.history, ...secondBefore.history].map((deal) => deal.dealId));
    expect(qDeals.filter((deal) => pDealIds.has(deal.dealId))).toEqual([]);

    // P's books are as they were, with the same prices and times.
    expect(await positions(running, p, first.challengeId)).toEqual(beforeKill.positions);
    expect(await history(running, p, first.challengeId)).toEqual(beforeKill.history);
    expect(await positions(running, p, second.challengeId)).toEqual(secondBefore.positions);
    expect(await history(running, p, second.challengeId)).toEqual(secondBefore.history);

    // Another trader's challenge is reported like a missing one.
    const foreign = `/v1/challenges/${qChallenge.challengeId}`;
    expect((await call(running, 'GET', `${foreign}/positions`, undefined, p)).status).toBe(404);
    expect((await call(running, 'POST', `${foreign}/trades`, { symbol: 'EURUSD', side: 'buy', volume: '0.10' }, p)).status).toBe(404);
    expect((await call(running, 'DELETE', `${foreign}/positions/${qFill.positionId}`, undefined, p)).status).toBe(404);
    expect((await call(running, 'GET', `${foreign}/history`, undefined, p)).status).toBe(404);
    expect((await call(running, 'GET', `${foreign}/metrics`, undefined, p)).status).toBe(404);
    expect((await call(running, 'GET', `/v1/challenges/${first.challengeId}/positions`, undefined, q)).status).toBe(404);
    expect((await call(running, 'DELETE', `/v1/challenges/${first.challengeId}/positions/${beforeKill.positions[0]!.positionId}`, undefined, q)).status).toBe(404);
    // Closing one's own position by another account's position id finds nothing either.
    expect((await call(running, 'DELETE', `/v1/challenges/${first.challengeId}/positions/${qFill.positionId}`, undefined, p)).status).toBe(404);
    expect((await positions(running, q, qChallenge.challengeId)).map((position) => position.positionId)).toEqual([qFill.positionId]);
    expect(await positions(running, p, first.challengeId)).toEqual(beforeKill.positions);
  });
});
