import { Decimal } from 'decimal.js';
import {
  GatewayErrorCode,
  OrderErrorCode,
  ProhibitedCountries,
  chooseGateway,
  domainError,
  err,
  ok,
  tryDecimal,
  type DomainError,
  type Result,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import { isPaymentGatewayError, type CheckoutCustomer, type PaymentGatewayRegistry } from '../../ports/payment-gateway.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { commerceErrors } from '../commerce-errors.js';
import type { TrialCheckoutRecord } from '../ports/commerce-repositories.js';
import type { CheckoutReturnUrl, CheckoutStart } from './place-order.js';

export interface StartTrialInput {
  readonly userId: string;
  readonly modelId: string;
  /** The plan's initial balance, e.g. "10000". */
  readonly balance: string;
  readonly swapFree?: boolean;
  /** A gateway that can charge a saved payment method off-session (stripe, simulated). */
  readonly gatewayId: string;
}

export interface TrialSignup {
  /** The sign-up id; the trial starts when the gateway reports the saved payment method. */
  readonly signupId: string;
  /** The plan's price, charged at the end of the 7 days unless cancelled. */
  readonly price: string;
  readonly currency: string;
  readonly checkout: CheckoutStart;
}

/**
 * Starts a free 7-day trial on a chosen plan (section 9): the buyer saves a
 * payment method at the gateway through a zero-amount checkout, and the
 * trial begins when the gateway reports it saved (`payment_method_saved`).
 * One trial per trader.
 */
export class StartTrial {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly gateways: PaymentGatewayRegistry,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly checkoutReturn: CheckoutReturnUrl,
  ) {}

  async execute(input: StartTrialInput): Promise<Result<TrialSignup, DomainError>> {
    const gateway = this.gateways.find(input.gatewayId);
    if (!gateway) {
      return err(domainError(GatewayErrorCode.UNKNOWN, `Unknown payment gateway: ${input.gatewayId}`, { gatewayId: input.gatewayId }));
    }
    if (!gateway.chargeOffSession) return err(commerceErrors.offSessionUnsupported(input.gatewayId));
    const now = this.clock.now();
    const prepared = await this.uow.run((tx) => this.prepare(tx, input, now));
    if (!prepared.ok) return prepared;
    const { signup, customer, price, currency, description } = prepared.value;
    let session;
    try {
      session = await gateway.createCheckout({
        orderId: signup.id,
        amount: new Decimal(0),
        currency,
        description,
        customer,
        successUrl: this.checkoutReturn(signup.id, 'success'),
        cancelUrl: this.checkoutReturn(signup.id, 'cancel'),
        savePaymentMethod: true,
      });
    } catch (error) {
      if (isPaymentGatewayError(error)) return err(commerceErrors.checkoutFailed(input.gatewayId, error.code));
      throw error;
    }
    await this.uow.run((tx) => tx.trialCheckouts.recordReference(signup.id, session.providerReference));
    return ok({
      signupId: signup.id,
      price: price.toFixed(2),
      currency,
      checkout: {
        gatewayId: gateway.id,
        providerReference: session.providerReference,
        redirectUrl: session.redirectUrl,
        clientParameters: session.clientParameters,
      },
    });
  }

  private async prepare(tx: TransactionScope, input: StartTrialInput, now: Date) {
    const user = await tx.users.findById(input.userId);
    if (!user) return err(commerceErrors.userNotFound(input.userId));
    const prohibited = ProhibitedCountries.of(await tx.prohibitedCountries.list());
    const country = prohibited.check(user.country, 'purchase');
    if (!country.ok) return country;
    if (await tx.trials.findByTrader(user.id)) return err(commerceErrors.trialAlreadyUsed(user.id));
    const gateway = chooseGateway(await tx.paymentGatewaySettings.list(), input.gatewayId, country.value, now);
    if (!gateway.ok) return gateway;
    const balance = tryDecimal(input.balance);
    if (!balance) return err(domainError(OrderErrorCode.INVALID_ITEM, 'An account size is required', {}));
    const model = await tx.challengeModels.findById(input.modelId);
    if (!model) return err(commerceErrors.modelNotFound(input.modelId));
    const size = model.purchasableSize(balance);
    if (!size.ok) return size;
    const signup: TrialCheckoutRecord = {
      id: this.ids.newId(),
      traderId: user.id,
      modelId: model.id,
      modelVersion: model.version,
      accountSize: size.value.balance.amount.toFixed(),
      swapFree: input.swapFree ?? false,
      gatewayId: input.gatewayId,
      providerReference: null,
      status: 'pending',
      trialId: null,
      createdAt: now,
    };
    await tx.trialCheckouts.add(signup);
    const customer: CheckoutCustomer = { id: user.id, email: user.email, country: country.value };
    return ok({
      signup,
      customer,
      price: size.value.price.amount,
      currency: size.value.price.currency,
      description: `Free 7-day trial of ${model.name} ${size.value.balance.toFixed()} ${size.value.balance.currency}`,
    });
  }
}
