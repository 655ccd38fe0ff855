import type { UseCases } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { emailPayloads } from '@tradesense/adapters-notify';
import { expect, it } from 'vitest';
import { describeEachPlatform } from '../testing/test-platform.js';
import { code, count, linkParameters, outbox, register, simulatorOf, uowOf, value } from './commerce-helpers.js';

const clock = new ManualClock('2026-11-05T10:00:00Z');

describeEachPlatform(
  'commerce: free trials',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    const loadChallenge = (id: string) => uowOf(ctx.platform).run((tx) => tx.challenges.findById(id));
    const trialOf = async (userId: string) => value(await uc().getTrial.execute({ userId }));
    const traders: Record<'paying' | 'declining' | 'cancelling', string> = { paying: '', declining: '', cancelling: '' };
    const trialChallenges: Record<string, string> = {};

    /** Signs up and saves a card through the simulated checkout; returns the activation. */
    async function startTrial(userId: string, card?: string) {
      const signup = value(await uc().startTrial.execute({ userId, modelId: 'stellar_1step', balance: '10000', gatewayId: 'simulated' }));
      const parameters = linkParameters(signup.checkout.redirectUrl, card ? { card } : {});
      const returned = value(await uc().returnFromCheckout.execute({ gatewayId: 'simulated', orderId: signup.signupId, parameters }));
      if (returned.kind !== 'trial_activated') throw new Error(`expected a trial, got ${returned.kind}`);
      return { signup, parameters, activation: returned.activation };
    }

    it('starts a 7-day trial once a payment method is saved, with its own free trial challenge', async () => {
      clock.set('2026-11-05T10:00:00Z');
      traders.paying = await register(ctx.platform, { name: 'paying' });
      const { signup, parameters, activation } = await startTrial(traders.paying);
      expect([signup.price, signup.currency]).toEqual(['109.00', 'USD']);
      expect(activation).toMatchObject({ outcome: 'started', endsAt: new Date('2026-11-12T10:00:00Z'), challenge: { outcome: 'provisioned' } });
      const trial = await trialOf(traders.paying);
      expect(trial).toMatchObject({
        status: 'active',
        modelId: 'stellar_1step',
        accountSize: '10000.00',
        price: '109.00',
        nextChargeAt: new Date('2026-11-12T10:00:00Z'),
        attempts: 0,
        challengeId: activation.challenge!.challengeId,
      });
      trialChallenges[traders.paying] = trial.challengeId!;
      const challenge = (await loadChallenge(trial.challengeId!))!;
      expect([challenge.trial, challenge.status]).toEqual([true, 'active']);
      const account = await simulatorOf(ctx.platform).account(challenge.account!);
      expect([account.group, account.balance.toFixed(2), account.leverage]).toEqual(['tradesense-trial-stellar_1step', '10000.00', 30]);

      // The same confirmation again starts nothing new.
      const again = value(await uc().returnFromCheckout.execute({ gatewayId: 'simulated', orderId: signup.signupId, parameters }));
      expect(again).toMatchObject({ kind: 'trial_activated', activation: { outcome: 'duplicate', challenge: { outcome: 'already_provisioned' } } });
      expect(await count(ctx.platform, 'challenges', { trader_id: traders.paying })).toBe(1);
      expect(code(await uc().startTrial.execute({ userId: traders.paying, modelId: 'stellar_2step', balance: '5000', gatewayId: 'simulated' }))).toBe(
        'TRIAL.ALREADY_USED',
      );
      const american = await register(ctx.platform, { country: 'US' });
      expect(code(await uc().startTrial.execute({ userId: american, modelId: 'stellar_1step', balance: '10000', gatewayId: 'simulated' }))).toBe(
        'KYC.PROHIBITED_COUNTRY',
      );
      expect(code(await uc().startTrial.execute({ userId: american, modelId: 'stellar_1step', balance: '10000', gatewayId: 'stripe' }))).toBe(
        'PAYMENT.GATEWAY_UNKNOWN',
      );

      traders.declining = await register(ctx.platform, { name: 'declining' });
      trialChallenges[traders.declining] = (await startTrial(traders.declining, 'declining')).activation.challenge!.challengeId!;
      traders.cancelling = await register(ctx.platform, { name: 'cancelling' });
      trialChallenges[traders.cancelling] = (await startTrial(traders.cancelling)).activation.challenge!.challengeId!;
    });

    it('cancels a trial before its end: nothing will be charged and the trial challenge stops', async () => {
      clock.set('2026-11-06T10:00:00Z');
      const trial = await trialOf(traders.cancelling);
      expect(code(await uc().cancelTrial.execute({ actorId: traders.paying, trialId: trial.id }))).toBe('TRIAL.NOT_FOUND');
      expect(value(await uc().cancelTrial.execute({ actorId: traders.cancelling, trialId: trial.id }))).toEqual({
        trialId: trial.id,
        cancelledAt: clock.now(),
      });
      expect(code(await uc().cancelTrial.execute({ actorId: traders.cancelling, trialId: trial.id }))).toBe('TRIAL.NOT_ACTIVE');
      expect((await trialOf(traders.cancelling)).status).toBe('cancelled');
      const challenge = (await loadChallenge(trialChallenges[traders.cancelling]!))!;
      expect(challenge.status).toBe('cancelled');
      expect(await outbox(ctx.platform, 'platform.disable_trading', challenge.account!)).toMatchObject([{ reason: 'trial_cancelled' }]);
    });

    it('e-mails each active trial once, 24 hours before the charge', async () => {
      clock.set('2026-11-11T09:59:00Z');
      expect(value(await uc().sendTrialReminders.execute())).toEqual({ sent: 0 });
      clock.set('2026-11-11T10:01:00Z');
      expect(value(await uc().sendTrialReminders.execute())).toEqual({ sent: 2 });
      expect(value(await uc().sendTrialReminders.execute())).toEqual({ sent: 0 });
      const reminders = await outbox(ctx.platform, 'email.trial_reminder');
      expect(reminders).toHaveLength(2);
      for (const reminder of reminders) expect(emailPayloads['email.trial_reminder'].safeParse(reminder).success).toBe(true);
      expect(reminders[0]).toMatchObject({ planName: 'Stellar 1-Step 10,000 USD', chargeAmount: '109.00', chargeAt: '2026-11-12T10:00:00.000Z' });
    });

    it('charges at the end: success starts the paid challenge, a decline retries after 1 and 3 days, then the trial expires', async () => {
      clock.set('2026-11-12T09:59:00Z');
      expect(value(await uc().chargeDueTrials.execute())).toEqual({ converted: 0, declined: 0, expired: 0, pending: 0, deferred: 0 });
      clock.set('2026-11-12T10:01:00Z');
      expect(value(await uc().chargeDueTrials.execute())).toEqual({ converted: 1, declined: 1, expired: 0, pending: 0, deferred: 0 });
      expect(value(await uc().chargeDueTrials.execute())).toEqual({ converted: 0, declined: 0, expired: 0, pending: 0, deferred: 0 });

      // The paying trader: converted, the plan price paid (no gateway fee), the paid challenge running.
      expect(await trialOf(traders.paying)).toMatchObject({ status: 'converted', attempts: 1, nextChargeAt: null });
      const [order] = value(await uc().orderHistory.execute({ userId: traders.paying })).items;
      expect(order).toMatchObject({ status: 'fulfilled', total: '109.00', gatewayFee: '0.00', modelId: 'stellar_1step', accountSize: '10000.00' });
      const paid = (await loadChallenge(order!.challengeId!))!;
      expect([paid.trial, paid.status, paid.rules.initialBalance.toFixed()]).toEqual([false, 'active', '10000.00']);
      expect((await loadChallenge(trialChallenges[traders.paying]!))!.status).toBe('expired');
      expect(await outbox(ctx.platform, 'order.paid', order!.id)).toMatchObject([{ trialConversion: true, price: '109.00' }]);
      const [receipt] = await outbox(ctx.platform, 'email.purchase_receipt', order!.id);
      expect(emailPayloads['email.purchase_receipt'].safeParse(receipt).success).toBe(true);

      // The declining trader: retried on day 1 and day 3 after the end, then expired.
      const failures = async () => outbox(ctx.platform, 'email.trial_charge_failed', (await trialOf(traders.declining)).id);
      expect(await trialOf(traders.declining)).toMatchObject({ status: 'active', attempts: 1, nextChargeAt: new Date('2026-11-13T10:00:00Z') });
      expect((await loadChallenge(trialChallenges[traders.declining]!))!.status).toBe('expired');
      clock.set('2026-11-13T09:00:00Z');
      expect(value(await uc().chargeDueTrials.execute()).declined).toBe(0);
      clock.set('2026-11-13T10:01:00Z');
      expect(value(await uc().chargeDueTrials.execute()).declined).toBe(1);
      expect(await trialOf(traders.declining)).toMatchObject({ attempts: 2, nextChargeAt: new Date('2026-11-15T10:00:00Z') });
      clock.set('2026-11-15T10:01:00Z');
      expect(value(await uc().chargeDueTrials.execute()).expired).toBe(1);
      expect(await trialOf(traders.declining)).toMatchObject({ status: 'expired', attempts: 3, nextChargeAt: null });
      const mails = await failures();
      expect(mails.map((m) => [m['attempt'], m['nextRetryAt']])).toEqual([
        [1, '2026-11-13T10:00:00.000Z'],
        [2, '2026-11-15T10:00:00.000Z'],
        [3, null],
      ]);
      for (const mail of mails) expect(emailPayloads['email.trial_charge_failed'].safeParse(mail).success).toBe(true);
      const [unpaid] = value(await uc().orderHistory.execute({ userId: traders.declining })).items;
      expect(unpaid).toMatchObject({ status: 'cancelled', cancellation: { reason: 'trial_expired' } });
      expect(await count(ctx.platform, 'challenges', { trader_id: traders.declining })).toBe(1);
      // The cancelled trial was never charged.
      expect(await count(ctx.platform, 'orders', { buyer_id: traders.cancelling })).toBe(0);
    });
  },
  { clock },
);
