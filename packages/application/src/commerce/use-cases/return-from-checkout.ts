import { GatewayErrorCode, domainError, err, type DomainError, type Result, ok } from '@tradesense/domain';
import { isPaymentGatewayError, type PaymentGatewayRegistry, type PaymentNotice } from '../../ports/payment-gateway.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { HandlePaymentEvent, PaymentEventOutcome } from './handle-payment-event.js';

export interface ReturnFromCheckoutInput {
  readonly gatewayId: string;
  /** What the buyer's browser brought back (query string), e.g. the simulated `token`, PayPal `token`, Razorpay fields. */
  readonly parameters: Readonly<Record<string, string>>;
  /** The order (or trial sign-up) the return link was made for, when the link carries it. */
  readonly orderId?: string;
}

/**
 * The buyer came back from the provider's page: the gateway verifies what
 * the browser brought (and captures where the provider needs it); the
 * verified event is then handled exactly like the same event by webhook.
 */
export class ReturnFromCheckout {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly gateways: PaymentGatewayRegistry,
    private readonly handlePaymentEvent: HandlePaymentEvent,
  ) {}

  async execute(input: ReturnFromCheckoutInput): Promise<Result<PaymentEventOutcome, DomainError>> {
    const gateway = this.gateways.find(input.gatewayId);
    if (!gateway) return err(domainError(GatewayErrorCode.UNKNOWN, `Unknown payment gateway: ${input.gatewayId}`, { gatewayId: input.gatewayId }));
    if (!gateway.completeCheckout) {
      return err(domainError('PAYMENT.UNSUPPORTED', `${input.gatewayId} confirms payments by webhook only`, { gatewayId: input.gatewayId }));
    }
    const orderId = input.orderId;
    const providerReference = orderId
      ? await this.uow.run(async (tx) => (await tx.orders.checkoutReference(orderId)) ?? (await tx.trialCheckouts.findById(orderId))?.providerReference ?? null)
      : null;
    let notice: PaymentNotice;
    try {
      notice = await gateway.completeCheckout({ ...(providerReference ? { providerReference } : {}), parameters: input.parameters });
    } catch (error) {
      if (!isPaymentGatewayError(error)) throw error;
      return err(domainError(error.code, error.message, { ...error.details, gatewayId: input.gatewayId }));
    }
    if (notice.outcome === 'ignored') return ok({ kind: 'checkout_pending' });
    return this.handlePaymentEvent.execute(notice.event);
  }
}
