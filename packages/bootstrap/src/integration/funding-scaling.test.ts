import { ManualClock } from '@tradesense/application/testing';
import { Decimal } from '@tradesense/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { code, knexOf, outboxPayloads, platformDeals, quote, simulatorOf, value } from '../testing/challenge-fixtures.js';
import { fundTrader, pendingKycChallenge, registerPerson, tradeUs30 } from '../testing/funding-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';

/** Monday 5 January 2026, 10:00 New York. */
const START = '2026-01-05T15:00:00Z';
const clock = new ManualClock(START);

describeEachPlatform(
  'funding: deal feed, scaling and certificates',
  (ctx) => {
    const uc = () => ctx.platform.useCases;
    const knex = () => knexOf(ctx.platform);
    afterAll(() => clock.set(START));

    let admin: string;
    let trader: string;
    let fundedAccountId: string;
    let login: string;
    const platformBalance = async () => (await simulatorOf(ctx.platform).account(login)).balance.toFixed(2);

    /** Requests, approves and pays a payout of the whole current profit at `iso`. */
    async function payOut(iso: string, payoutId: string) {
      clock.set(iso);
      value(await uc().requestPayout.execute({ userId: trader, fundedAccountId, payoutId }));
      value(await uc().approvePayout.execute({ adminId: admin, payoutId }));
      return value(await uc().markPayoutPaid.execute({ adminId: admin, payoutId, paymentReference: `REF-${payoutId}` }));
    }

    beforeAll(async () => {
      clock.set(START);
      admin = (await registerPerson(ctx.platform, { name: 'admin', role: 'admin' })).userId;
      trader = (await registerPerson(ctx.platform, { name: 'grower' })).userId;
      await pendingKycChallenge(ctx.platform, { traderId: trader, at: clock.now() });
      const funded = await fundTrader(ctx.platform, { traderId: trader, adminId: admin });
      fundedAccountId = funded.fundedAccounts[0]!.fundedAccountId;
      login = funded.fundedAccounts[0]!.login;
    });

    it('feeds closed trades into the funded account with their commissions, each deal once', async () => {
      // EURUSD: $3 commission per lot on entry and exit, carried into the closed result.
      const server = simulatorOf(ctx.platform);
      await quote(server, 'EURUSD', '1.08000', new Date('2026-01-06T14:00:00Z'));
      const { positionId } = await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: new Decimal(1) });
      await quote(server, 'EURUSD', '1.08110', new Date('2026-01-06T14:30:00Z'));
      await server.closePosition(positionId);
      expect(await platformBalance()).toBe('100094.00');
      const first = value(await uc().recordFundedDeals.execute({}));
      // The initial deposit, the entry and the exit; the deposit moves nothing on the funded account.
      expect(first).toMatchObject({ deals: 3, failed: [] });
      expect(value(await uc().recordFundedDeals.execute({ fundedAccountId }))).toMatchObject({ deals: 0 });
      const overview = value(await uc().fundedAccountOverview.execute({ userId: trader, fundedAccountId }));
      expect(overview.balance.toFixed()).toBe('100094.00');
      expect(overview.openPositions).toBe(0);
      const cursor = await knex()('funded_deal_cursors').where({ funded_account_id: fundedAccountId }).first();
      const deals = await platformDeals(ctx.platform, login);
      expect(cursor.last_deal_id).toBe(deals.at(-1)!.dealId);
      expect(code(await uc().recordFundedDeals.execute({ fundedAccountId: 'nope' }))).toBe('FUNDED.NOT_FOUND');
    });

    it('scales after 4 profitable firm-calendar months with 2 payouts: +40% allocation, 90% split, deposited once', async () => {
      await tradeUs30(ctx.platform, login, '3000', new Date('2026-02-10T14:00:00Z'));
      await payOut('2026-02-10T16:00:00Z', 'grow-1');
      await tradeUs30(ctx.platform, login, '3000', new Date('2026-03-10T14:00:00Z'));
      await payOut('2026-03-10T16:00:00Z', 'grow-2');
      await tradeUs30(ctx.platform, login, '3000', new Date('2026-04-10T14:00:00Z'));
      await tradeUs30(ctx.platform, login, '3000', new Date('2026-05-10T14:00:00Z'));
      value(await uc().recordFundedDeals.execute({ fundedAccountId }));

      clock.set('2026-05-20T15:00:00Z');
      const tooSoon = value(await uc().reviewScaling.execute({ fundedAccountId }));
      expect(tooSoon).toMatchObject({ eligible: false, reasons: expect.arrayContaining(['WINDOW_INCOMPLETE']) });

      clock.set('2026-06-02T15:00:00Z');
      const scaled = value(await uc().reviewScaling.execute({ fundedAccountId }));
      expect(scaled).toMatchObject({ eligible: true, before: '100000.00', after: '140000.00', splitAfter: '90' });
      expect(scaled.evidence).toMatchObject({
        window: [
          { month: '2026-02', profit: '3000', profitable: true },
          { month: '2026-03', profit: '3000', profitable: true },
          { month: '2026-04', profit: '3000', profitable: true },
          { month: '2026-05', profit: '3000', profitable: true },
        ],
        totalProfit: '12000',
        paidPayouts: 2,
      });
      expect(await platformBalance()).toBe('146000.00');
      const again = value(await uc().reviewScaling.execute({ fundedAccountId }));
      expect(again).toMatchObject({ eligible: false, reasons: expect.arrayContaining(['WINDOW_INCOMPLETE']) });
      const monthly = value(await uc().reviewAllScaling.execute());
      expect(monthly.scaled).toEqual([]);
      expect(monthly.reviewed).toBeGreaterThanOrEqual(1);
      const deposits = (await platformDeals(ctx.platform, login)).filter((deal) => deal.kind === 'balance' && deal.profit.toFixed(2) === '40000.00');
      expect(deposits).toHaveLength(1);
      expect(await knex()('funded_balance_operations').where({ client_operation_id: scaled.decisionId }).pluck('kind')).toEqual(['scaling_deposit']);
      const events = await outboxPayloads(ctx.platform, fundedAccountId, 'FundedAccountScaled');
      expect(events).toEqual([
        expect.objectContaining({ before: '100000.00', after: '140000.00', splitBefore: '80', splitAfter: '90', balanceOperation: '40000.00' }),
      ]);
      const overview = value(await uc().fundedAccountOverview.execute({ userId: trader, fundedAccountId }));
      expect(overview.allocation.toFixed()).toBe('140000.00');
      expect(overview.balance.toFixed()).toBe('146000.00');
      expect(overview.split.points.toString()).toBe('90');
      expect(overview.eligibility.traderShare.toFixed()).toBe('5400.00');
    });

    it('awards each certificate once, verifiable in public by its unguessable id', async () => {
      const nobody = await registerPerson(ctx.platform);
      expect(value(await uc().awardCertificates.execute({ userId: nobody.userId }))).toEqual({ awarded: [] });

      const whale = (await registerPerson(ctx.platform, { name: 'whale' })).userId;
      await pendingKycChallenge(ctx.platform, { traderId: whale, at: clock.now(), balance: '200000' });
      await pendingKycChallenge(ctx.platform, { traderId: whale, at: clock.now(), balance: '100000' });
      const funded = await fundTrader(ctx.platform, { traderId: whale, adminId: admin });
      expect(funded.fundedAccounts).toHaveLength(2);
      const { awarded } = value(await uc().awardCertificates.execute({ userId: whale }));
      expect(awarded.map((c) => c.title).sort()).toEqual(['Elite Trader', 'Max Allocation']);
      expect(value(await uc().awardCertificates.execute({ userId: whale }))).toEqual({ awarded: [] });
      for (const certificate of awarded) {
        expect(certificate.certificateId).toMatch(/^TSC-[0-9A-HJKMNP-TV-Z]{26}$/);
        expect(certificate.verificationUrl).toContain(certificate.certificateId);
      }
      const maxAllocation = awarded.find((c) => c.kind === 'max_allocation')!;
      expect(value(await uc().verifyCertificate.execute({ certificateId: maxAllocation.certificateId.toLowerCase() }))).toMatchObject({
        valid: true,
        certificateId: maxAllocation.certificateId,
        traderName: 'Ana Funded Trader',
        title: 'Max Allocation',
        awardedOn: '2026-06-02',
      });
      expect(value(await uc().verifyCertificate.execute({ certificateId: 'CERT-whale-MAX-2026' }))).toMatchObject({ valid: false });
      expect(value(await uc().verifyCertificate.execute({ certificateId: `TSC-${'0'.repeat(26)}` }))).toMatchObject({ valid: false });

      const pdf = value(await uc().getCertificatePdf.execute({ userId: whale, certificateId: maxAllocation.certificateId }));
      expect(Buffer.from(pdf.content).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(code(await uc().getCertificatePdf.execute({ userId: trader, certificateId: maxAllocation.certificateId }))).toBe('CERTIFICATE.NOT_FOUND');
      const certificates = await knex()('certificates').where({ trader_id: whale }).count({ n: '*' });
      expect(certificates).toEqual([{ n: '2' }]);
      const mails = await knex()('outbox').where({ topic: 'email.certificate_awarded' }).pluck('payload');
      expect(mails.filter((mail: { certificateId: string }) => awarded.some((c) => c.certificateId === mail.certificateId))).toHaveLength(2);

      // The grower passed phase 1 and was paid: Elite and Crown, awarded when the payouts were paid.
      const grower = value(await uc().listCertificates.execute({ userId: trader }));
      expect(grower.map((c) => c.title).sort()).toEqual(['Crown Trader', 'Elite Trader']);
    });
  },
  { clock },
);
