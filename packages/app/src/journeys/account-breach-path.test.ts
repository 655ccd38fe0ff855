import { ManualClock } from '@tradesense/application/testing';
import {
  SIMULATED_TRADING_SERVER,
  describeEachPlatform,
  fundTrader,
  pendingKycChallenge,
  registerPerson,
} from '@tradesense/bootstrap/testing';
import { Decimal } from '@tradesense/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journey, type Person } from '../testing/journey.js';

// Friday 27 February 2026, 10:00 in New York. The cup's registration is open; it runs from trading day 2 March.
const START = '2026-02-27T15:00:00Z';
const BREACH_AT = '2026-03-02T15:05:00Z';
const clock = new ManualClock(START);
const dataDir = mkdtempSync(join(tmpdir(), 'tradesense-account-breach-'));
const PASSWORD = 'long enough password';
let runs = 0;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Kind = 'challenge_phase' | 'funded_account' | 'competition_entry';

interface Watched {
  readonly trader: Person;
  readonly login: string;
  /** The owner's own resource, to see how it reacted to the breach. */
  readonly ownerPath: string;
  readonly ownerId: string;
}

/**
 * The breach path of docs/rules.md §4, once for each kind of account the firm
 * watches: a 100,000 challenge phase (2-Step), a 100,000 funded account and a
 * 100,000 competition entry under 5 % / 10 % loss limits (and 10 lots per
 * trade on indices) each hold 10 lots of
 * US30 bought at 39,002. One tick at 38,500 puts every equity at 94,980.00,
 * through the 95,000.00 daily floor. For each kind the trader reads the same
 * verdict record through `/v1/accounts/{login}`, replays it to the same hash,
 * receives the same breach e-mail, and the owner reacts: the challenge
 * fails, the funded account ends, the entry is disqualified.
 */
describeEachPlatform(
  'journey: the breach path, the same for a challenge phase, a funded account and a competition entry',
  (ctx) => {
    let journey: Journey;
    const accounts = new Map<Kind, Watched>();
    const server = () => ctx.platform.get(SIMULATED_TRADING_SERVER);

    async function challengePhase(): Promise<Watched> {
      const trader = { email: `phase-${runs}-${Date.now()}@example.com`, password: PASSWORD };
      expect((await journey.call('POST', '/v1/auth/register', null, { ...trader, country: 'DE', displayName: 'Pia Phase' })).status).toBe(201);
      const placed = await journey.call('POST', '/v1/orders', trader, { gatewayId: 'simulated', modelId: 'stellar_2step', balance: '100000' });
      expect((await journey.follow(placed.body.checkout.redirectUrl)).body).toMatchObject({ outcome: 'payment_confirmed' });
      await journey.settle();
      const challengeId = (await journey.call('GET', `/v1/orders/${placed.body.order.id}`, trader)).body.challengeId;
      const login = (await journey.call('GET', `/v1/challenges/${challengeId}/metrics`, trader)).body.account;
      return { trader, login, ownerPath: `/v1/challenges/${challengeId}/metrics`, ownerId: challengeId };
    }

    async function fundedAccount(admin: string): Promise<Watched> {
      const { userId, email } = await registerPerson(ctx.platform, { name: 'funded' });
      await pendingKycChallenge(ctx.platform, { traderId: userId, at: clock.now() });
      const funded = (await fundTrader(ctx.platform, { traderId: userId, adminId: admin })).fundedAccounts[0]!;
      return { trader: { email, password: PASSWORD }, login: funded.login, ownerPath: `/v1/funded-accounts/${funded.fundedAccountId}`, ownerId: funded.fundedAccountId };
    }

    async function competitionEntry(admin: Person): Promise<Watched> {
      const created = await journey.call('POST', '/v1/admin/competitions', admin, {
        name: `Limits Cup ${runs}`,
        registrationOpens: '2026-02-23',
        registrationCloses: '2026-02-28',
        starts: '2026-03-02',
        ends: '2026-03-31',
        lossLimits: { dailyLossPercent: '5', maxLossPercent: '10' },
        // The cup's per-trade limit on indices (3.00 lots by default, docs/rules.md §7) lets the 10-lot trade through.
        maxLotsIndices: '10.00',
        prizes: [],
      });
      expect(created.status).toBe(201);
      const competitionId = created.body.competitionId;
      const { email } = await registerPerson(ctx.platform, { name: 'entrant' });
      const trader = { email, password: PASSWORD };
      const entered = await journey.call('POST', `/v1/competitions/${competitionId}/entries`, trader, {});
      expect(entered.status).toBe(201);
      return { trader, login: entered.body.tradingAccount.login, ownerPath: `/v1/competitions/${competitionId}/entries/me`, ownerId: entered.body.entryId };
    }

    beforeAll(async () => {
      clock.set(START);
      journey = await Journey.start(ctx.platform, clock);
      runs += 1;
      const admin = await registerPerson(ctx.platform, { name: 'admin', role: 'admin' });
      accounts.set('challenge_phase', await challengePhase());
      accounts.set('funded_account', await fundedAccount(admin.userId));
      accounts.set('competition_entry', await competitionEntry({ email: admin.email, password: PASSWORD }));

      // Trading day 2 March: every account buys 10 lots of US30 at the ask, 39,002.
      await journey.advanceTo('2026-03-02T15:00:00Z');
      await journey.quote('US30', '39000.00');
      for (const { login } of accounts.values()) {
        await server().placeMarketOrder({ login, symbol: 'US30', side: 'buy', volume: new Decimal(10) });
      }
      await journey.settle();
      // One tick: equity 100,000 + (38,500 − 39,002) × 10 = 94,980.00 on every account.
      await journey.advanceTo(BREACH_AT);
      await journey.quote('US30', '38500.00');
      await journey.settle();
    });
    afterAll(async () => {
      await journey?.stop();
      clock.set(START);
    });

    const record = {
      rule: 'daily_loss',
      floor: '95000',
      equity: '94980',
      balance: '100000',
      tick: { symbol: 'US30', bid: '38500', ask: '38502', time: new Date(BREACH_AT).toISOString() },
      at: new Date(BREACH_AT).toISOString(),
      tradingDay: '2026-03-02',
      inputHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    };

    describe.each(['challenge_phase', 'funded_account', 'competition_entry'] as const)('%s', (kind) => {
      it('ends the account on the tick, with the exact verdict record over HTTP', async () => {
        const { trader, login, ownerId } = accounts.get(kind)!;
        const metrics = await journey.call('GET', `/v1/accounts/${login}/metrics`, trader);
        expect(metrics.status).toBe(200);
        expect(metrics.body).toMatchObject({ login, owner: { kind, id: ownerId }, status: 'breached', openPositions: 0 });
        expect(metrics.body.breach).toEqual(record);
        expect(await server().positions(login)).toEqual([]);
        expect((await server().account(login)).tradingEnabled).toBe(false);
      });

      it('replays the stored verdict to the same hash', async () => {
        const { trader, login } = accounts.get(kind)!;
        const stored = (await journey.call('GET', `/v1/accounts/${login}/metrics`, trader)).body.breach;
        const replay = await journey.call('GET', `/v1/accounts/${login}/verdicts/replay`, trader);
        expect(replay.status).toBe(200);
        expect(replay.body).toMatchObject({ login, owner: { kind }, matches: true, storedHash: stored.inputHash, replayedHash: stored.inputHash });
        expect(replay.body.replayed.breach).toEqual(record);
      });

      it('e-mails the trader the breach once, the same e-mail for every kind', async () => {
        const { trader, login } = accounts.get(kind)!;
        const breaches = journey.mailSubjects(trader.email).filter((subject) => subject.includes('breached'));
        expect(breaches).toEqual([`Account ${login}: Daily loss limit breached`]);
      });

      it('lets the owner react: the challenge fails, the funded account ends, the entry is disqualified', async () => {
        const { trader, ownerPath } = accounts.get(kind)!;
        const owner = await journey.call('GET', ownerPath, trader);
        expect(owner.status).toBe(200);
        const expected = {
          challenge_phase: { status: 'failed' },
          funded_account: { status: 'breached' },
          competition_entry: { status: 'disqualified', disqualification: { reason: 'breach:daily_loss', at: new Date(BREACH_AT).toISOString() } },
        };
        expect(owner.body).toMatchObject(expected[kind]);
      });

      it('shows nobody else the account', async () => {
        const { login } = accounts.get(kind)!;
        const other = [...accounts.entries()].find(([other]) => other !== kind)![1].trader;
        const refused = await journey.call('GET', `/v1/accounts/${login}/metrics`, other);
        expect(refused.status).toBe(404);
        expect(refused.body).toMatchObject({ code: 'TRADING_ACCOUNT.NOT_FOUND' });
      });
    });
  },
  { clock, env: { TRADESENSE_DATA_DIR: dataDir, AUTH_RATE_LIMIT_PER_MINUTE: '1000' } },
);
