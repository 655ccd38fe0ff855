import { ManualClock } from '@tradesense/application/testing';
import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { Decimal } from '@tradesense/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Journey, type Person } from '../testing/journey.js';

// Monday 2 November 2026, 09:00 in New York (EST): trading day 2026-11-02; each trading day ends at 22:00 UTC.
const START = '2026-11-02T14:00:00Z';
const clock = new ManualClock(START);
const dataDir = mkdtempSync(join(tmpdir(), 'tradesense-golden-path-'));
let runs = 0;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface RoundTrip {
  /** When the position opens; it is closed 10 seconds later, in the same trading day. */
  readonly at: string;
  readonly side: 'buy' | 'sell';
  readonly volume: string;
  /** US30 bid when the position opens (ask = bid + 2.00; buys fill at the ask, sells at the bid). */
  readonly openBid: string;
  readonly closeBid: string;
}

/**
 * The subject's golden path, through HTTP alone: a trader registers, buys a
 * 10k Stellar 2-Step through the simulated gateway, trades phase 1 (8 %)
 * and phase 2 (5 %) over five trading days each, gets verified by an admin,
 * signs the agreement, trades the funded account into profit and is paid
 * 80 % of it plus the 2-Step fee after 21 days. The test moves only the
 * clock, US30's price and the worker; every figure is checked to the cent.
 *
 * US30 has a contract size of 1 and no commission, and every position is
 * closed on the day it opened (no swap), so each trade's result is exactly
 * (close − open) × lots.
 */
describeEachPlatform(
  'journey: the golden path from sign-up to a paid payout, through HTTP',
  (ctx) => {
    let journey: Journey;
    let trader: Person;
    let admin: Person;
    let adminId = '';
    let traderId = '';
    let challengeId = '';
    let orderId = '';
    let phase1Login = '';
    let phase2Login = '';
    let fundedAccountId = '';
    let payoutId = '';
    const challenge = async () =>
      (await journey.call('GET', '/v1/challenges', trader)).body.items.find((c: { id: string }) => c.id === challengeId);
    const metrics = async () => (await journey.call('GET', `/v1/challenges/${challengeId}/metrics`, trader)).body;
    const funded = async () => (await journey.call('GET', `/v1/funded-accounts/${fundedAccountId}`, trader)).body;

    /** Opens US30 on the account, lets the price move, closes it: one trade through the trading routes. */
    async function roundTrip(account: string, trip: RoundTrip): Promise<void> {
      await journey.advanceTo(trip.at);
      await journey.quote('US30', trip.openBid);
      const opened = await journey.call('POST', `${account}/trades`, trader, { symbol: 'US30', side: trip.side, volume: trip.volume });
      expect(opened.status).toBe(201);
      const bid = new Decimal(trip.openBid);
      expect(opened.body.price).toBe((trip.side === 'buy' ? bid.plus(2) : bid).toString());
      await journey.settle();
      await journey.advanceTo(new Date(Date.parse(trip.at) + 10_000));
      await journey.quote('US30', trip.closeBid);
      expect((await journey.call('DELETE', `${account}/positions/${opened.body.positionId}`, trader)).status).toBe(200);
      await journey.settle();
    }

    beforeAll(async () => {
      clock.set(START);
      journey = await Journey.start(ctx.platform, clock);
      runs += 1;
      trader = { email: `golden-${runs}-${Date.now()}@example.com`, password: 'a long trader password' };
      // The install's first boot, before anyone signs up, creates the firm's first admin.
      admin = await journey.firstBootAdmin();
    });
    afterAll(async () => {
      await journey?.stop();
      clock.set(START);
    });

    it('a trader registers and signs in; the first-boot admin signs in', async () => {
      const registered = await journey.call('POST', '/v1/auth/register', null, { ...trader, country: 'DE', displayName: 'Gil Golden' });
      expect(registered.status).toBe(201);
      traderId = registered.body.userId;
      const signedIn = await journey.login(trader);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).toMatchObject({ userId: traderId, role: 'trader', tokenType: 'Bearer' });
      expect((await journey.call('GET', '/v1/me', trader)).body).toMatchObject({ userId: traderId, role: 'trader' });

      const me = await journey.call('GET', '/v1/me', admin);
      expect(me.body.role).toBe('admin');
      adminId = me.body.userId;
    });

    it('buys a 10k Stellar 2-Step for 99.00 through the simulated gateway; the challenge is active', async () => {
      const model = (await journey.call('GET', '/v1/catalog')).body.models.find((m: { id: string }) => m.id === 'stellar_2step');
      expect(model.sizes.find((s: { balance: string }) => s.balance === '10000.00')).toMatchObject({ price: '99.00' });
      const placed = await journey.call('POST', '/v1/orders', trader, { gatewayId: 'simulated', modelId: 'stellar_2step', balance: '10000' });
      expect(placed.status).toBe(201);
      expect(placed.body.order).toMatchObject({ status: 'pending_payment', price: '99.00', gatewayFee: '0.00', total: '99.00' });
      // The buyer's browser follows the checkout link: the simulated gateway's signed confirm link.
      expect((await journey.follow(placed.body.checkout.redirectUrl)).body).toEqual({ received: true, outcome: 'payment_confirmed' });
      await journey.settle();

      const order = (await journey.call('GET', `/v1/orders/${placed.body.order.id}`, trader)).body;
      expect(order).toMatchObject({ status: 'fulfilled', paidAt: '2026-11-02T14:00:00.000Z', challengeId: expect.any(String) });
      orderId = order.id;
      challengeId = order.challengeId;
      const bought = await challenge();
      expect(bought).toMatchObject({ status: 'active', phase: 1, phaseCount: 2, modelId: 'stellar_2step', initialBalance: '10000.00', account: expect.any(String) });
      phase1Login = bought.account;
      expect(await metrics()).toMatchObject({
        balance: '10000.00',
        dailyLoss: { floor: '9500.00', allowance: '500.00' },
        maxLoss: { floor: '9000.00', allowance: '1000.00' },
        profit: { targetBalance: '10800.00', targetPercent: '8.00' },
        tradingDays: { done: 0, needed: 5 },
      });
      expect(journey.mailSubjects(trader.email)).toEqual([`Receipt for order ${orderId}`, `Your phase 1 account is ready (login ${phase1Login})`]);
    });

    it('phase 1: the 8 % target is reached on day 4, but the phase passes only with the fifth trading day', async () => {
      const account = `/v1/challenges/${challengeId}`;
      // Day 1: +160.35.
      await roundTrip(account, { at: '2026-11-02T15:00:00Z', side: 'buy', volume: '1.00', openBid: '39000.00', closeBid: '39162.35' });
      expect(await metrics()).toMatchObject({ balance: '10160.35', tradingDays: { done: 1, needed: 5 } });
      // Day 2: a 2-lot short, +119.80.
      await roundTrip(account, { at: '2026-11-03T15:00:00Z', side: 'sell', volume: '2.00', openBid: '39100.00', closeBid: '39038.10' });
      expect(await metrics()).toMatchObject({
        tradingDay: '2026-11-03',
        nextResetAt: '2026-11-03T22:00:00.000Z',
        dayStartBalance: '10160.35',
        dailyLoss: { floor: '9660.35' },
        maxLoss: { floor: '9000.00' },
        balance: '10280.15',
      });
      // Day 3: two trades, −41.45 then +210.25; the day counts once.
      await roundTrip(account, { at: '2026-11-04T15:00:00Z', side: 'buy', volume: '1.00', openBid: '39050.00', closeBid: '39010.55' });
      await roundTrip(account, { at: '2026-11-04T16:30:00Z', side: 'buy', volume: '1.00', openBid: '39010.55', closeBid: '39222.80' });
      expect(await metrics()).toMatchObject({ dayStartBalance: '10280.15', balance: '10448.95', tradingDays: { done: 3, needed: 5 } });
      // Day 4: +400.00 puts the balance over 10,800.00 with four trading days: not passed.
      await roundTrip(account, { at: '2026-11-05T15:00:00Z', side: 'buy', volume: '2.00', openBid: '39200.00', closeBid: '39402.00' });
      expect(await metrics()).toMatchObject({ status: 'active', phase: 1, balance: '10848.95', profit: { progressPercent: '100.00' }, tradingDays: { done: 4 } });
      // Nor at the rollover into day 5.
      await journey.advanceTo('2026-11-06T14:00:00Z');
      expect(await metrics()).toMatchObject({ status: 'active', phase: 1, dayStartBalance: '10848.95', dailyLoss: { floor: '10348.95' } });
      // Day 5: +14.34; closing it with five trading days passes phase 1 at 10,863.29.
      await roundTrip(account, { at: '2026-11-06T15:00:00Z', side: 'buy', volume: '1.00', openBid: '39400.00', closeBid: '39416.34' });

      const phase2 = await challenge();
      expect(phase2).toMatchObject({ status: 'active', phase: 2, phasePassed: false });
      expect(phase2.account).not.toBe(phase1Login);
      phase2Login = phase2.account;
      expect(await metrics()).toMatchObject({
        phase: 2,
        balance: '10000.00',
        dayStartBalance: '10000.00',
        dailyLoss: { floor: '9500.00' },
        profit: { targetBalance: '10500.00', targetPercent: '5.00' },
        tradingDays: { done: 0, needed: 5 },
      });
      // Phase 1's deals stay in the history: six round trips, newest first.
      const history = (await journey.call('GET', `/v1/challenges/${challengeId}/history?limit=100`, trader)).body.items;
      const closes = history.filter((deal: { symbol: string | null; profit: string }) => deal.symbol === 'US30' && deal.profit !== '0.00');
      expect(closes.map((deal: { profit: string }) => deal.profit)).toEqual(['14.34', '400.00', '210.25', '-41.45', '119.80', '160.35']);
      // The phase-1 account ended at 10,863.29.
      expect(closes[0]).toMatchObject({ phase: 1, login: phase1Login, balanceAfter: '10863.29' });
      expect(journey.mailSubjects(trader.email)).toEqual(expect.arrayContaining(['Congratulations, you passed Phase 1']));
    });

    it('phase 2 on the fresh account: +517.55 over five trading days passes it; KYC is next', async () => {
      const account = `/v1/challenges/${challengeId}`;
      await roundTrip(account, { at: '2026-11-09T15:00:00Z', side: 'buy', volume: '1.00', openBid: '39000.00', closeBid: '39122.00' });
      await roundTrip(account, { at: '2026-11-10T15:00:00Z', side: 'buy', volume: '1.00', openBid: '39000.00', closeBid: '39097.55' });
      await roundTrip(account, { at: '2026-11-11T15:00:00Z', side: 'sell', volume: '1.00', openBid: '39200.00', closeBid: '39108.00' });
      await roundTrip(account, { at: '2026-11-12T15:00:00Z', side: 'buy', volume: '3.00', openBid: '39000.00', closeBid: '39040.00' });
      expect(await metrics()).toMatchObject({ status: 'active', phase: 2, dayStartBalance: '10305.55', balance: '10419.55', tradingDays: { done: 4 } });
      await roundTrip(account, { at: '2026-11-13T15:00:00Z', side: 'buy', volume: '1.00', openBid: '39000.00', closeBid: '39100.00' });

      expect(await challenge()).toMatchObject({ status: 'pending_kyc', phase: 2, phasePassed: true });
      expect(await metrics()).toMatchObject({ status: 'pending_kyc', balance: '10517.55', tradingDays: { done: 5, needed: 5 } });
      // No trading on a passed challenge.
      await journey.quote('US30', '39000.00');
      const refused = await journey.call('POST', `${account}/trades`, trader, { symbol: 'US30', side: 'buy', volume: '1.00' });
      expect(refused).toMatchObject({ status: 422, body: { code: 'TRADING.ACCOUNT_NOT_TRADABLE' } });
      expect(journey.mailSubjects(trader.email)).toEqual(expect.arrayContaining(['Congratulations, you passed Phase 2']));
    });

    it('the trader submits KYC, an admin approves it from the review queue, the signed agreement opens the funded account', async () => {
      await journey.advanceTo('2026-11-16T14:00:00Z');
      const started = await journey.call('POST', '/v1/kyc', trader);
      expect(started.status).toBe(201);
      const kycCaseId = started.body.kycCaseId as string;
      const submitted = await journey.call('POST', '/v1/kyc/documents', trader, { documentType: 'passport', documentNumber: 'C01X00T47', issuingCountry: 'DE' });
      expect(submitted.status).toBe(201);
      expect((await journey.call('POST', `/v1/admin/kyc-cases/${kycCaseId}/review`, trader, { decision: 'approve' })).status).toBe(403);
      const queue = await journey.call('GET', '/v1/admin/kyc-cases?status=in_progress', admin);
      expect(queue.body.items.map((c: { id: string }) => c.id)).toEqual([kycCaseId]);
      await journey.advanceTo('2026-11-16T14:30:00Z');
      const reviewed = await journey.call('POST', `/v1/admin/kyc-cases/${kycCaseId}/review`, admin, { decision: 'approve' });
      expect(reviewed.body).toMatchObject({ status: 'approved' });
      await journey.settle();
      // Approved, but not funded before the agreement is signed.
      expect((await journey.call('GET', '/v1/funded-accounts', trader)).body).toEqual({ items: [] });

      await journey.advanceTo('2026-11-16T15:00:00Z');
      const agreement = (await journey.call('GET', '/v1/agreement', trader)).body;
      const signed = await journey.call('POST', '/v1/agreement/signatures', trader, {
        typedName: 'Gil Golden',
        agreementVersion: agreement.version,
        textHash: agreement.textHash,
      });
      expect(signed.status).toBe(201);
      expect(signed.body.fundedAccounts).toEqual([expect.objectContaining({ challengeId, created: true })]);
      fundedAccountId = signed.body.fundedAccounts[0].fundedAccountId;
      await journey.settle();

      expect(await challenge()).toMatchObject({ status: 'funded' });
      expect(await funded()).toMatchObject({
        fundedAccountId,
        challengeId,
        status: 'active',
        openedAt: '2026-11-16T15:00:00.000Z',
        allocation: { amount: '10000.00', currency: 'USD' },
        balance: { amount: '10000.00', currency: 'USD' },
        profit: { amount: '0.00', currency: 'USD' },
        split: '80',
        openPositions: 0,
        payouts: [],
      });
      expect(journey.mailSubjects(trader.email)).toEqual(expect.arrayContaining(['Your identity verification was approved']));
    });

    it('profit on the funded account: +1,500.00 and −265.44 leave 11,234.56', async () => {
      const account = `/v1/funded-accounts/${fundedAccountId}`;
      await roundTrip(account, { at: '2026-11-17T15:00:00Z', side: 'buy', volume: '2.00', openBid: '39000.00', closeBid: '39752.00' });
      await roundTrip(account, { at: '2026-11-18T15:00:00Z', side: 'sell', volume: '1.00', openBid: '39500.00', closeBid: '39763.44' });
      // The funded deal feed takes the closing deal in at its next run, every 15 seconds.
      await journey.advanceTo('2026-11-18T15:00:15Z');
      expect(await funded()).toMatchObject({ balance: { amount: '11234.56' }, profit: { amount: '1234.56' }, openPositions: 0 });
    });

    it('a payout before the 21 days is refused with the date it becomes possible', async () => {
      await journey.advanceTo('2026-12-04T15:00:00Z');
      const early = await journey.call('POST', `/v1/funded-accounts/${fundedAccountId}/payouts`, trader, undefined, { 'idempotency-key': 'golden-payout-early' });
      expect(early.status).toBe(422);
      expect(early.body).toMatchObject({
        code: 'PAYOUT.NOT_ELIGIBLE',
        // Funded on trading day 16 November: 21 firm days on, trading day 7 December opens at 17:00 New York on the 6th.
        details: { reasons: ['FIRST_PAYOUT_DAYS_NOT_REACHED'], eligibleFrom: '2026-12-06T22:00:00.000Z' },
      });
      expect(await funded()).toMatchObject({ balance: { amount: '11234.56' } });
    });

    it('after 21 days the payout is 80 % of 1,234.56 plus the 99.00 fee back; an admin approves and pays it', async () => {
      await journey.advanceTo('2026-12-07T14:00:00Z');
      const requested = await journey.call('POST', `/v1/funded-accounts/${fundedAccountId}/payouts`, trader, undefined, { 'idempotency-key': 'golden-payout-1' });
      expect(requested.status).toBe(201);
      expect(requested.body).toMatchObject({
        number: 1,
        status: 'requested',
        profit: { amount: '1234.56', currency: 'USD' },
        split: '80',
        // 1,234.56 × 80 % = 987.648, booked half-up to the cent.
        traderShare: { amount: '987.65', currency: 'USD' },
        // The 2-Step refunds the challenge fee with the first payout.
        feeRefund: { amount: '99.00', currency: 'USD' },
        compensation: { amount: '0.00', currency: 'USD' },
        total: { amount: '1086.65', currency: 'USD' },
        requestedAt: '2026-12-07T14:00:00.000Z',
        requestedBy: traderId,
        deadline: '2026-12-08T14:00:00.000Z',
      });
      payoutId = requested.body.id;
      await journey.settle();
      // The whole profit left the trading account: back to its 10,000.00 allocation.
      expect(await funded()).toMatchObject({ balance: { amount: '10000.00' }, profit: { amount: '0.00' } });

      await journey.advanceTo('2026-12-07T15:00:00Z');
      const queue = await journey.call('GET', '/v1/admin/payouts?status=requested', admin);
      expect(queue.body.items.map((p: { id: string }) => p.id)).toEqual([payoutId]);
      const approved = await journey.call('POST', `/v1/admin/payouts/${payoutId}/approve`, admin);
      expect(approved.body).toMatchObject({ status: 'approved', approvedBy: adminId, approvedAt: '2026-12-07T15:00:00.000Z' });

      await journey.advanceTo('2026-12-07T16:00:00Z');
      const paid = await journey.call('POST', `/v1/admin/payouts/${payoutId}/mark-paid`, admin, { paymentReference: 'WIRE-2026-12-07-0001' });
      expect(paid.body).toMatchObject({
        status: 'paid',
        paidBy: adminId,
        paidAt: '2026-12-07T16:00:00.000Z',
        paymentReference: 'WIRE-2026-12-07-0001',
        compensation: { amount: '0.00' },
        total: { amount: '1086.65' },
      });
      await journey.settle();

      const payouts = (await journey.call('GET', '/v1/payouts', trader)).body.items;
      expect(payouts).toEqual([expect.objectContaining({ id: payoutId, status: 'paid', total: { amount: '1086.65', currency: 'USD' } })]);
      const certificates = (await journey.call('GET', '/v1/certificates', trader)).body.items;
      expect(certificates.map((c: { title: string }) => c.title).sort()).toEqual(['Crown Trader', 'Elite Trader']);
      // Every e-mail the trader received on the way, each once.
      const fundedLogin = (await funded()).tradingAccountId;
      expect(journey.mailSubjects(trader.email)).toEqual(
        [
          `Receipt for order ${orderId}`,
          `Your phase 1 account is ready (login ${phase1Login})`,
          'Congratulations, you passed Phase 1',
          'You earned the Elite Trader certificate',
          `Your phase 2 account is ready (login ${phase2Login})`,
          'Congratulations, you passed Phase 2',
          'Verify your identity to get funded',
          'Your identity verification was approved',
          `Your funded account is ready (login ${fundedLogin})`,
          `Payout ${payoutId}: requested`,
          `Payout ${payoutId}: approved`,
          `Payout ${payoutId}: paid`,
          'You earned the Crown Trader certificate',
        ].sort(),
      );
    });
  },
  { clock, env: { TRADESENSE_DATA_DIR: dataDir, AUTH_RATE_LIMIT_PER_MINUTE: '1000' } },
);
