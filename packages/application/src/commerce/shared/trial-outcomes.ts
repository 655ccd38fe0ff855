import type { ChallengeStore } from '../../challenges/ports/challenge-store.js';
import type { Order, Trial } from '@tradesense/domain';
import type { TransactionScope } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { orderPaidMessage } from '../events/order-messages.js';
import { purchaseReceiptEmail, trialChargeFailedEmail } from './commerce-emails.js';
import type { CommerceLinks } from './commerce-links.js';
import { disableTradingMessage } from './platform-commands.js';
import { productName } from './product-name.js';

/** The key under which a trial's free challenge account is provisioned. */
export const trialClaimKey = (trialId: string) => `trial:${trialId}`;

/**
 * A declined end-of-trial charge: the next retry is scheduled (1 and 3 days
 * after the end) or, after the last one, the trial expires and its unpaid
 * conversion order is closed. The trader is e-mailed either way. False when
 * no attempt was due (a late or repeated notice).
 */
export async function recordTrialChargeFailure(
  tx: TransactionScope,
  trial: Trial,
  reason: string,
  at: Date,
  links: CommerceLinks,
): Promise<boolean> {
  const recorded = trial.recordChargeFailed({ reason, at });
  if (!recorded.ok) return false;
  await tx.trials.save(trial);
  await tx.trials.setPendingCharge(trial.id, null);
  const user = await tx.users.findById(trial.traderId);
  const planName = await trialPlanName(tx, trial);
  await tx.outbox.add([
    ...eventsToOutbox('trial', trial.pullEvents()),
    ...(user ? [trialChargeFailedEmail({ trial, user, planName, updatePaymentUrl: links.trialPaymentMethod(trial.id), at })] : []),
  ]);
  if (trial.status === 'expired') {
    const orderId = await tx.trials.conversionOrderId(trial.id);
    const order = orderId ? await tx.orders.findById(orderId, { forUpdate: true }) : null;
    if (order?.cancel({ reason: 'trial_expired', at }).ok) {
      await tx.orders.save(order);
      await tx.outbox.add(eventsToOutbox('order', order.pullEvents()));
    }
  }
  return true;
}

/**
 * The end-of-trial charge went through: the conversion order is paid and the
 * trial converted, in one transaction; the caller then fulfils the order
 * (the paid challenge starts). Returns the confirmation's outcome.
 */
export async function recordTrialChargeSuccess(
  tx: TransactionScope,
  trial: Trial,
  order: Order,
  payment: { providerPaymentId: string; amount: Order['total']; fingerprint: string | null },
  at: Date,
  links: CommerceLinks,
): Promise<ReturnType<Order['confirmPayment']>> {
  const confirmed = order.confirmPayment({ providerPaymentId: payment.providerPaymentId, amount: payment.amount, at });
  if (!confirmed.ok || !confirmed.value.changed) return confirmed;
  await tx.orders.save(order);
  const converted = trial.recordChargeSucceeded({ providerPaymentId: payment.providerPaymentId, at });
  if (converted.ok) await tx.trials.save(trial);
  await tx.trials.setPendingCharge(trial.id, null);
  const user = await tx.users.findById(order.buyerId);
  await tx.outbox.add([
    ...eventsToOutbox('order', order.pullEvents()),
    ...eventsToOutbox('trial', trial.pullEvents()),
    orderPaidMessage(order, { paymentMethodFingerprint: payment.fingerprint, trial: true, at }),
    ...(user
      ? [purchaseReceiptEmail({ order, user, productName: await trialPlanName(tx, trial), dashboardUrl: links.dashboard(), at })]
      : []),
  ]);
  return confirmed;
}

/**
 * Ends the free challenge of a trial: expired at the trial's end, cancelled
 * when the trader cancels. Trading is switched off through the outbox.
 */
export async function endTrialChallenge(
  tx: TransactionScope,
  challenges: ChallengeStore,
  trialId: string,
  how: 'expire' | 'cancel',
  at: Date,
): Promise<void> {
  const claim = await tx.fulfilmentClaims.find(trialClaimKey(trialId));
  if (!claim || claim.outcome !== 'fulfilled') return;
  const challenge = await tx.challenges.findById(claim.challengeId);
  if (!challenge || challenge.status !== 'active') return;
  const ended = how === 'expire' ? challenge.expire('trial_ended', at) : challenge.cancel('trial_cancelled', at);
  if (!ended.ok) return;
  await challenges.save(tx, challenge, at);
  await tx.outbox.add([
    ...(challenge.account
      ? [disableTradingMessage({ login: challenge.account, reason: how === 'expire' ? 'trial_ended' : 'trial_cancelled', challengeId: challenge.id, at })]
      : []),
  ]);
}

/** The plan a trial turns into, named as in e-mails. */
export function trialPlanName(tx: TransactionScope, trial: Trial): Promise<string> {
  const s = trial.toState();
  return productName(tx, { modelId: s.modelId, modelVersion: s.modelVersion, accountSize: s.accountSize, currency: s.currency, swapFree: s.swapFree });
}
