import {
  GatewayErrorCode,
  Money,
  Order,
  PaymentGateway,
  Percent,
  ProhibitedCountries,
  domainError,
  err,
  ok,
  type DomainError,
  type Result,
  type Trial,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import { isPaymentGatewayError, type OffSessionChargeResult, type PaymentGatewayRegistry } from '../../ports/payment-gateway.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import type { SavedPaymentMethod } from '../ports/commerce-repositories.js';
import type { CommerceLinks } from '../shared/commerce-links.js';
import { endTrialChallenge, recordTrialChargeFailure, recordTrialChargeSuccess } from '../shared/trial-outcomes.js';
import type { FulfilOrder } from './fulfil-order.js';
import type { ChallengeStore } from '../../challenges/ports/challenge-store.js';

export interface ChargeDueTrialsInput {
  /** At most this many trials per run (the job runs again for the rest). */
  readonly limit?: number;
}

export interface TrialChargeSummary {
  /** Charged and converted: the paid challenge was started (or its fulfilment is under way). */
  readonly converted: number;
  /** Declined; a retry is scheduled. */
  readonly declined: number;
  /** Declined on the last attempt: the trial expired. */
  readonly expired: number;
  /** Accepted but not final; the provider's event settles it. */
  readonly pending: number;
  /** The provider could not be reached; the same attempt is repeated on the next run. */
  readonly deferred: number;
}

type Outcome = keyof TrialChargeSummary | 'skipped';

interface PreparedCharge {
  readonly trialId: string;
  readonly attempt: number;
  readonly order: Order;
  readonly method: SavedPaymentMethod;
}

/**
 * The scheduled job's step at the end of trials (section 9): unless
 * cancelled, the plan price is charged off-session on the saved payment
 * method. Each attempt has its own idempotency key (`trial:<id>:charge:<n>`),
 * so a crashed or repeated run never charges twice. Success pays the
 * trial's conversion order and fulfils it (the paid challenge starts);
 * a decline is retried 1 and 3 days after the end, then the trial expires;
 * the trader is e-mailed about each failure (`email.trial_charge_failed`).
 * The trial's free challenge ends at the first attempt.
 */
export class ChargeDueTrials {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly gateways: PaymentGatewayRegistry,
    private readonly fulfilOrder: FulfilOrder,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly links: CommerceLinks,
    private readonly challenges: ChallengeStore,
  ) {}

  async execute(input: ChargeDueTrialsInput = {}): Promise<Result<TrialChargeSummary, DomainError>> {
    const now = this.clock.now();
    const due = await this.uow.run((tx) => tx.trials.listChargeDue(now, input.limit ?? 50));
    const summary = { converted: 0, declined: 0, expired: 0, pending: 0, deferred: 0 };
    for (const trial of due) {
      const outcome = await this.chargeOne(trial.id);
      if (outcome !== 'skipped') summary[outcome] += 1;
    }
    return ok(summary);
  }

  private async chargeOne(trialId: string): Promise<Outcome> {
    const prepared = await this.uow.run((tx) => this.prepare(tx, trialId, this.clock.now()));
    if (typeof prepared === 'string') return prepared;
    const { order, method, attempt } = prepared;
    const gateway = this.gateways.find(method.gatewayId);
    let result: OffSessionChargeResult;
    if (!gateway?.chargeOffSession) {
      result = { status: 'declined', reason: GatewayErrorCode.UNKNOWN, providerPaymentId: null };
    } else {
      try {
        result = await gateway.chargeOffSession({
          customerRef: method.customerRef,
          paymentMethodRef: method.paymentMethodRef,
          amount: order.charge.amount,
          currency: order.charge.currency,
          orderId: order.id,
          idempotencyKey: `trial:${trialId}:charge:${attempt}`,
          description: 'End of free trial',
        });
      } catch (error) {
        if (!isPaymentGatewayError(error)) throw error;
        if (error.code === 'PAYMENT.PROVIDER_UNAVAILABLE') return 'deferred';
        result = { status: 'declined', reason: error.code, providerPaymentId: null };
      }
    }
    if (result.status === 'pending') {
      const pendingId = result.providerPaymentId;
      await this.uow.run((tx) => tx.trials.setPendingCharge(trialId, pendingId));
      return 'pending';
    }
    const settled = result;
    const outcome = await this.uow.run(async (tx): Promise<Outcome> => {
      const at = this.clock.now();
      const trial = await tx.trials.findById(trialId, { forUpdate: true });
      // Another run or the provider's event settled this attempt meanwhile.
      if (!trial || trial.status !== 'active' || trial.attempts.length + 1 !== attempt) return 'skipped';
      await tx.trials.setPendingCharge(trialId, null);
      if (settled.status === 'declined') {
        await recordTrialChargeFailure(tx, trial, settled.reason, at, this.links);
        return hasExpired(trial) ? 'expired' : 'declined';
      }
      const stored = await tx.orders.findById(order.id, { forUpdate: true });
      if (!stored) return 'skipped';
      const amount = Money.of(settled.amount, settled.currency.toUpperCase());
      const confirmed = await recordTrialChargeSuccess(tx, trial, stored, { providerPaymentId: settled.providerPaymentId, amount, fingerprint: method.fingerprint }, at, this.links);
      if (!confirmed.ok) {
        await tx.audit.append({
          at,
          actorId: null,
          actorRole: 'system',
          action: 'payment.refused',
          subjectType: 'order',
          subjectId: order.id,
          details: { code: confirmed.error.code, providerPaymentId: settled.providerPaymentId, amount: amount.toFixed(), currency: amount.currency },
        });
        return 'skipped';
      }
      return 'converted';
    });
    if (outcome === 'converted') await this.fulfilOrder.execute({ orderId: order.id });
    return outcome;
  }

  private async prepare(tx: TransactionScope, trialId: string, now: Date): Promise<PreparedCharge | Outcome> {
    const trial = await tx.trials.findById(trialId, { forUpdate: true });
    if (!trial || !trial.isChargeDue(now)) return 'skipped';
    const attempt = trial.attempts.length + 1;
    if (attempt === 1) await endTrialChallenge(tx, this.challenges, trial.id, 'expire', now);
    const method = await tx.savedPaymentMethods.findById(trial.paymentMethodId);
    const order = method ? await this.conversionOrder(tx, trial, method, now) : err(domainError('TRIAL.PAYMENT_METHOD_MISSING', 'No saved payment method'));
    if (!order.ok || !method) {
      await recordTrialChargeFailure(tx, trial, order.ok ? 'TRIAL.PAYMENT_METHOD_MISSING' : order.error.code, now, this.links);
      return hasExpired(trial) ? 'expired' : 'declined';
    }
    return { trialId, attempt, order: order.value, method };
  }

  /**
   * The order the end-of-trial charge pays: created once per trial at the
   * plan price the trial fixed. The rule book charges the plan price, so
   * the gateway's fee is not added here.
   */
  private async conversionOrder(tx: TransactionScope, trial: Trial, method: SavedPaymentMethod, now: Date): Promise<Result<Order, DomainError>> {
    const existingId = await tx.trials.conversionOrderId(trial.id);
    const existing = existingId ? await tx.orders.findById(existingId, { forUpdate: true }) : null;
    if (existing) return ok(existing);
    const user = await tx.users.findById(trial.traderId);
    const settings = await tx.paymentGatewaySettings.findById(method.gatewayId);
    if (!user || !settings) return err(domainError(GatewayErrorCode.UNKNOWN, 'The trial can no longer be charged', { trialId: trial.id }));
    const s = trial.toState();
    const placed = Order.place(
      {
        id: this.ids.newId(),
        buyerId: trial.traderId,
        buyerCountry: user.country,
        item: { modelId: s.modelId, modelVersion: s.modelVersion, accountSize: Money.of(s.accountSize, s.currency), swapFree: s.swapFree, reset: null },
        listPrice: trial.price,
        gateway: PaymentGateway.of({ ...settings, fee: { percent: Percent.zero(), fixed: Money.zero(s.currency) } }),
        at: now,
      },
      ProhibitedCountries.of(await tx.prohibitedCountries.list()),
    );
    if (!placed.ok) return placed;
    const order = placed.value;
    await tx.orders.save(order);
    await tx.trials.setConversionOrder(trial.id, order.id);
    await tx.outbox.add(eventsToOutbox('order', order.pullEvents()));
    return ok(order);
  }
}

/** Read after a recorded failure, which may have expired the trial. */
const hasExpired = (trial: Trial): boolean => trial.status === 'expired';
