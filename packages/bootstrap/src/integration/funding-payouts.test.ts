import { ApprovePayout, fundingLinks, UNIT_OF_WORK, type TransactionScope, type UnitOfWork } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { code, knexOf, outboxPayloads, platformDeals, simulatorOf, value } from '../testing/challenge-fixtures.js';
import { fundTrader, openUs30, pendingKycChallenge, quoteUs30, registerPerson, tradeUs30 } from '../testing/funding-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';

const START = '2026-11-02T15:00:00Z';
const clock = new ManualClock(START);
const minutesAfterStart = (minutes: number) => new Date(new Date(START).getTime() + minutes * 60_000);

/** Runs the work, then fails before the commit: what a crash between the aggregate write and the commit does. */
class FailingBeforeCommit implements UnitOfWork {
  constructor(private readonly inner: UnitOfWork) {}

  run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    return this.inner.run(async (scope) => {
      await work(scope);
      throw new Error('injected failure before commit');
    });
  }
}

describeEachPlatform(
  'funding: payouts',
  (ctx) => {
    const uc = () => ctx.platform.useCases;
    const knex = () => knexOf(ctx.platform);
    afterAll(() => clock.set(START));

    let admin: string;
    let trader: string;
    let fundedAccountId: string;
    let login: string;
    const balanceOnPlatform = async () => (await simulatorOf(ctx.platform).account(login)).balance.toFixed(2);
    const payoutRow = (id: string) => knex()('payouts').where({ id }).first();

    beforeAll(async () => {
      clock.set(START);
      admin = (await registerPerson(ctx.platform, { name: 'admin', role: 'admin' })).userId;
      trader = (await registerPerson(ctx.platform, { name: 'payee' })).userId;
      await pendingKycChallenge(ctx.platform, { traderId: trader, at: clock.now() });
      const funded = await fundTrader(ctx.platform, { traderId: trader, adminId: admin });
      fundedAccountId = funded.fundedAccounts[0]!.fundedAccountId;
      login = funded.fundedAccounts[0]!.login;
    });

    it('worked example: 100k funded at 108,000 pays a trader share of 6,400.00 and the account is back at 100,000.00', async () => {
      clock.set(minutesAfterStart(60));
      const early = await uc().requestPayout.execute({ userId: trader, fundedAccountId });
      expect(code(early)).toBe('PAYOUT.NOT_ELIGIBLE');
      expect(!early.ok && early.error.details).toMatchObject({
        reasons: ['FIRST_PAYOUT_DAYS_NOT_REACHED', 'NO_PROFIT'],
        // Funded Monday 2 November: 21 firm days on, trading day 23 November opens at 17:00 New York on the 22nd.
        eligibleFrom: '2026-11-22T22:00:00.000Z',
      });

      const positionId = await openUs30(ctx.platform, login, minutesAfterStart(61));
      const withOpenPosition = await uc().requestPayout.execute({ userId: trader, fundedAccountId });
      expect(!withOpenPosition.ok && withOpenPosition.error.details['reasons']).toContain('OPEN_POSITIONS');
      // Closed the same trading day at +800 points on 10 lots: +8,000.00.
      await quoteUs30(simulatorOf(ctx.platform), '39802', minutesAfterStart(90));
      await simulatorOf(ctx.platform).closePosition(positionId);
      expect(await balanceOnPlatform()).toBe('108000.00');
      expect(value(await uc().recordFundedDeals.execute({ fundedAccountId }))).toMatchObject({ accounts: 1 });
      expect(value(await uc().recordFundedDeals.execute({}))).toMatchObject({ deals: 0, failed: [] });
      const before = value(await uc().fundedAccountOverview.execute({ userId: trader, fundedAccountId }));
      expect(before.balance.toFixed()).toBe('108000.00');
      expect(before.eligibility.traderShare.toFixed()).toBe('6400.00');

      clock.set('2026-11-23T15:00:00Z');
      const stranger = await registerPerson(ctx.platform);
      expect(code(await uc().requestPayout.execute({ userId: stranger.userId, fundedAccountId }))).toBe('FUNDED.NOT_FOUND');
      // Another funded trader cannot book under this account's payout id.
      await pendingKycChallenge(ctx.platform, { traderId: stranger.userId, at: clock.now() });
      const strangerAccount = (await fundTrader(ctx.platform, { traderId: stranger.userId, adminId: admin })).fundedAccounts[0]!;
      const payout = value(await uc().requestPayout.execute({ userId: trader, fundedAccountId, payoutId: 'payout-1' }));
      expect(payout).toMatchObject({ id: 'payout-1', number: 1, status: 'requested' });
      expect(payout.profit.toFixed()).toBe('8000.00');
      expect(payout.traderShare.toFixed()).toBe('6400.00');
      // 2-Step refunds the challenge fee with the first payout.
      expect(payout.feeRefund.toFixed()).toBe('449.00');
      expect(payout.deadline.toISOString()).toBe('2026-11-24T15:00:00.000Z');
      expect(await balanceOnPlatform()).toBe('100000.00');
      const after = value(await uc().fundedAccountOverview.execute({ userId: trader, fundedAccountId }));
      expect(after.balance.toFixed()).toBe('100000.00');

      await tradeUs30(ctx.platform, strangerAccount.login, '100', new Date('2026-11-23T14:00:00Z'));
      clock.set('2026-11-24T15:00:00Z');
      expect(code(await uc().requestPayout.execute({ userId: stranger.userId, fundedAccountId: strangerAccount.fundedAccountId, payoutId: 'payout-1' }))).toBe(
        'PAYOUT.DUPLICATE_ID',
      );
      expect((await simulatorOf(ctx.platform).account(strangerAccount.login)).balance.toFixed(2)).toBe('100100.00');
      clock.set('2026-11-23T15:00:00Z');
      // A retried request (same id) returns the same payout and withdraws nothing more.
      expect(value(await uc().requestPayout.execute({ userId: trader, fundedAccountId, payoutId: 'payout-1' })).id).toBe('payout-1');
      expect(code(await uc().requestPayout.execute({ userId: trader, fundedAccountId }))).toBe('PAYOUT.ALREADY_PENDING');
      expect(await balanceOnPlatform()).toBe('100000.00');
      const withdrawals = (await platformDeals(ctx.platform, login)).filter((deal) => deal.kind === 'balance' && deal.profit.isNegative());
      expect(withdrawals.map((deal) => deal.profit.toFixed(2))).toEqual(['-8000.00']);
      expect(await knex()('funded_balance_operations').where({ client_operation_id: 'payout-1' }).pluck('kind')).toEqual(['payout_withdrawal']);
      expect(await outboxPayloads(ctx.platform, fundedAccountId, 'email.payout_status')).toEqual([
        expect.objectContaining({ payoutId: 'payout-1', status: 'requested', amount: '6849.00', currency: 'USD' }),
      ]);
      expect((await outboxPayloads(ctx.platform, fundedAccountId, 'PayoutRequested'))[0]).toMatchObject({ balanceOperation: '-8000.00' });
    });

    it('two concurrent approvals of one payout: exactly one wins, the other gets the typed refusal', async () => {
      expect(code(await uc().approvePayout.execute({ adminId: trader, payoutId: 'payout-1' }))).toBe('AUTH.FORBIDDEN');
      expect(code(await uc().approvePayout.execute({ adminId: admin, payoutId: 'nope' }))).toBe('PAYOUT.NOT_FOUND');
      const outcomes = await Promise.all([
        uc().approvePayout.execute({ adminId: admin, payoutId: 'payout-1' }),
        uc().approvePayout.execute({ adminId: admin, payoutId: 'payout-1' }),
      ]);
      expect(outcomes.map(code).sort()).toEqual(['PAYOUT.NOT_REQUESTED', 'ok']);
      expect((await payoutRow('payout-1')).status).toBe('approved');
      expect(await knex()('outbox').where({ topic: 'PayoutApproved', aggregate_id: fundedAccountId }).count({ n: '*' })).toEqual([{ n: '1' }]);
      expect(await knex()('audit_log').where({ action: 'payout.approved', subject_id: 'payout-1' }).count({ n: '*' })).toEqual([{ n: '1' }]);
    });

    it('marks a payout paid once whatever is retried; paid after 24 h it earns one $1,000 compensation', async () => {
      clock.set('2026-11-24T16:00:00Z');
      expect(code(await uc().markPayoutPaid.execute({ adminId: admin, payoutId: 'payout-1', paymentReference: ' ' }))).toBe(
        'PAYOUT.PAYMENT_REFERENCE_REQUIRED',
      );
      const outcomes = await Promise.all([
        uc().markPayoutPaid.execute({ adminId: admin, payoutId: 'payout-1', paymentReference: 'WIRE-1' }),
        uc().markPayoutPaid.execute({ adminId: admin, payoutId: 'payout-1', paymentReference: 'WIRE-1' }),
      ]);
      expect(outcomes.map(code).sort()).toEqual(['PAYOUT.ALREADY_PAID', 'ok']);
      expect(code(await uc().markPayoutPaid.execute({ adminId: admin, payoutId: 'payout-1', paymentReference: 'WIRE-1' }))).toBe('PAYOUT.ALREADY_PAID');
      const paid = outcomes.find((outcome) => outcome.ok)!;
      expect(value(paid).compensation.toFixed()).toBe('1000.00');
      expect(value(paid).total.toFixed()).toBe('7849.00');
      expect(await payoutRow('payout-1')).toMatchObject({ status: 'paid', payment_reference: 'WIRE-1', paid_by: admin });
      expect(await knex()('payout_compensations').where({ payout_id: 'payout-1' }).pluck('cause')).toEqual(['paid_late']);
      expect(await knex()('outbox').where({ topic: 'PayoutPaid', aggregate_id: fundedAccountId }).count({ n: '*' })).toEqual([{ n: '1' }]);
      expect(await knex()('outbox').where({ topic: 'PayoutCompensationGranted', aggregate_id: fundedAccountId }).count({ n: '*' })).toEqual([
        { n: '1' },
      ]);
      const mails = await outboxPayloads(ctx.platform, fundedAccountId, 'email.payout_status');
      expect(mails.at(-1)).toMatchObject({ status: 'paid', lateCompensation: '1000.00' });
      expect(value(await uc().compensateLatePayouts.execute())).toEqual({ granted: 0 });
      // A paid payout is a moment for certificates: phase 1 was passed, and now the first payout is paid.
      const certificates = value(await uc().listCertificates.execute({ userId: trader }));
      expect(certificates.map((c) => c.title).sort()).toEqual(['Crown Trader', 'Elite Trader']);
      expect(value(await uc().listPayoutsAdmin.execute({ adminId: admin, status: 'paid' })).items.map((p) => p.id)).toContain('payout-1');
    });

    it('rejects a payout with a reason and gives the withdrawal back with one deposit', async () => {
      await tradeUs30(ctx.platform, login, '5000', new Date('2026-12-08T14:00:00Z'));
      clock.set('2026-12-08T15:00:00Z');
      const payout = value(await uc().requestPayout.execute({ userId: trader, fundedAccountId, payoutId: 'payout-2' }));
      expect(payout).toMatchObject({ number: 2 });
      expect(payout.feeRefund.toFixed()).toBe('0.00');
      expect(await balanceOnPlatform()).toBe('100000.00');
      expect(code(await uc().rejectPayout.execute({ adminId: admin, payoutId: 'payout-2', reason: '' }))).toBe('PAYOUT.REASON_REQUIRED');
      expect(code(await uc().rejectPayout.execute({ adminId: trader, payoutId: 'payout-2', reason: 'no' }))).toBe('AUTH.FORBIDDEN');
      const rejected = value(await uc().rejectPayout.execute({ adminId: admin, payoutId: 'payout-2', reason: 'Copy trading detected' }));
      expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Copy trading detected' });
      expect(code(await uc().rejectPayout.execute({ adminId: admin, payoutId: 'payout-2', reason: 'again' }))).toBe('PAYOUT.ALREADY_REJECTED');
      expect(await balanceOnPlatform()).toBe('105000.00');
      const deposits = (await platformDeals(ctx.platform, login)).filter((deal) => deal.kind === 'balance' && deal.profit.toFixed(2) === '5000.00');
      expect(deposits).toHaveLength(1);
      expect(await knex()('funded_balance_operations').where({ client_operation_id: 'payout-2:reversal' }).pluck('kind')).toEqual(['payout_reversal']);
      const overview = value(await uc().fundedAccountOverview.execute({ userId: trader, fundedAccountId }));
      expect(overview.balance.toFixed()).toBe('105000.00');
      expect(await knex()('audit_log').where({ action: 'payout.rejected', subject_id: 'payout-2' }).count({ n: '*' })).toEqual([{ n: '1' }]);
    });

    it('the scheduled guarantee check compensates an unpaid payout once; paying it later adds no second entry', async () => {
      // The rejected payout does not count: the cycle runs from payout 1, so a new request is due already.
      const payout = value(await uc().requestPayout.execute({ userId: trader, fundedAccountId, payoutId: 'payout-3' }));
      expect(payout).toMatchObject({ number: 2 });
      clock.set('2026-12-09T15:00:00Z');
      expect(value(await uc().compensateLatePayouts.execute())).toEqual({ granted: 0 });
      clock.set('2026-12-09T15:00:01Z');
      expect(value(await uc().compensateLatePayouts.execute())).toEqual({ granted: 1 });
      expect(value(await uc().compensateLatePayouts.execute())).toEqual({ granted: 0 });
      expect(await knex()('payout_compensations').where({ payout_id: 'payout-3' }).pluck('cause')).toEqual(['unpaid_at_deadline']);
      value(await uc().approvePayout.execute({ adminId: admin, payoutId: 'payout-3' }));
      const paid = value(await uc().markPayoutPaid.execute({ adminId: admin, payoutId: 'payout-3', paymentReference: 'WIRE-3' }));
      expect(paid.compensation.toFixed()).toBe('1000.00');
      expect(await knex()('payout_compensations').where({ payout_id: 'payout-3' }).count({ n: '*' })).toEqual([{ n: '1' }]);
      const granted = (await outboxPayloads(ctx.platform, fundedAccountId, 'PayoutCompensationGranted')).filter((p) => p['payoutId'] === 'payout-3');
      expect(granted).toHaveLength(1);
      const mine = value(await uc().listPayouts.execute({ userId: trader }));
      expect(mine.items.map((p) => [p.id, p.status])).toEqual([
        ['payout-3', 'paid'],
        ['payout-2', 'rejected'],
        ['payout-1', 'paid'],
      ]);
      const firstPage = value(await uc().listPayouts.execute({ userId: trader, limit: 2 }));
      expect(firstPage.items.map((p) => p.id)).toEqual(['payout-3', 'payout-2']);
      const secondPage = value(await uc().listPayouts.execute({ userId: trader, limit: 2, cursor: firstPage.nextCursor }));
      expect(secondPage).toMatchObject({ items: [expect.objectContaining({ id: 'payout-1' })], nextCursor: null });
      expect(code(await uc().listPayouts.execute({ userId: trader, cursor: 'junk' }))).toBe('PAGE.INVALID_CURSOR');
      expect(code(await uc().listPayouts.execute({ userId: trader, limit: 0 }))).toBe('PAGE.INVALID_LIMIT');
      expect(code(await uc().listPayoutsAdmin.execute({ adminId: trader }))).toBe('AUTH.FORBIDDEN');
    });

    it('a failure after the aggregate write and before commit leaves neither the change nor its outbox row', async () => {
      await tradeUs30(ctx.platform, login, '1000', new Date('2026-12-23T14:00:00Z'));
      clock.set('2026-12-23T15:00:00Z');
      value(await uc().requestPayout.execute({ userId: trader, fundedAccountId, payoutId: 'payout-4' }));
      const outboxBefore = await knex()('outbox').count({ n: '*' });
      const failing = new ApprovePayout(
        new FailingBeforeCommit(ctx.platform.get(UNIT_OF_WORK)),
        clock,
        fundingLinks(ctx.platform.config.http.publicBaseUrl),
      );
      await expect(failing.execute({ adminId: admin, payoutId: 'payout-4' })).rejects.toThrow('injected failure before commit');
      expect((await payoutRow('payout-4')).status).toBe('requested');
      expect(await knex()('outbox').count({ n: '*' })).toEqual(outboxBefore);
      expect(await knex()('audit_log').where({ subject_id: 'payout-4' }).count({ n: '*' })).toEqual([{ n: '0' }]);
      // The real one then goes through.
      expect(value(await uc().approvePayout.execute({ adminId: admin, payoutId: 'payout-4' })).status).toBe('approved');
    });
  },
  { clock },
);
