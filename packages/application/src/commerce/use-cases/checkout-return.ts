import { err, ok, type DomainError, type OrderStatus, type Result } from '@tradesense/domain';
import type { PaymentGatewayRegistry } from '../../ports/payment-gateway.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { commerceErrors } from '../commerce-errors.js';
import type { ReturnFromCheckout } from './return-from-checkout.js';

/** What anyone holding the return link may learn about the checkout: where it stands, nothing else. */
export type PublicCheckoutStatus = 'pending' | 'paid' | 'fulfilled' | 'cancelled' | 'refunded';

export interface CheckoutReturnInput {
  /** The order id, or the trial sign-up id, the return link was made for. */
  readonly checkoutId: string;
  /** Which of the two links the provider sent the browser to. */
  readonly outcome: 'success' | 'cancel';
  /** The query string the provider appended (PayPal `token`, Razorpay signature fields…). */
  readonly parameters: Readonly<Record<string, string>>;
}

export interface CheckoutReturnView {
  readonly checkoutId: string;
  /** `trial` for the sign-up of a free trial (a saved payment method), `order` for a purchase. */
  readonly kind: 'order' | 'trial';
  readonly outcome: 'success' | 'cancel';
  readonly status: PublicCheckoutStatus;
}

const ORDER_STATUS: Readonly<Record<OrderStatus, PublicCheckoutStatus>> = {
  pending_payment: 'pending',
  paid: 'paid',
  fulfilled: 'fulfilled',
  cancelled: 'cancelled',
  refunded: 'refunded',
};

interface Located {
  readonly kind: 'order' | 'trial';
  readonly gatewayId: string;
  readonly status: PublicCheckoutStatus;
}

/**
 * Where the payment provider sends the buyer's browser back (no bearer token
 * travels with that redirect, so the link is public). It shows only the
 * status of the order or trial sign-up named by the unguessable id in the
 * link: no amount, no buyer, no payment detail.
 *
 * On the success link, providers that finish the payment on the return
 * (PayPal captures the approved order, Razorpay hands over its signed payment
 * fields) get their parameters verified and handled exactly like the
 * webhook: both paths are idempotent, so whichever comes first confirms the
 * payment, and a return whose parameters do not verify changes nothing (the
 * provider's webhook still settles the payment).
 *
 * The cancel link changes nothing on purpose: a GET that a browser, a link
 * scanner or a reload can repeat must not cancel a purchase, and the buyer
 * may still go back and pay the open checkout. Unpaid checkouts are closed
 * by the provider's own expiry events.
 */
export class CheckoutReturn {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly gateways: PaymentGatewayRegistry,
    private readonly returnFromCheckout: ReturnFromCheckout,
  ) {}

  async execute(input: CheckoutReturnInput): Promise<Result<CheckoutReturnView, DomainError>> {
    const found = await this.locate(input.checkoutId);
    if (!found) return err(commerceErrors.orderNotFound(input.checkoutId));
    let located = found;
    if (input.outcome === 'success' && located.status === 'pending' && this.completesOnReturn(located.gatewayId, input.parameters)) {
      // A refusal is not the visitor's business: the status shown below tells what happened.
      await this.returnFromCheckout.execute({ gatewayId: located.gatewayId, parameters: input.parameters, orderId: input.checkoutId });
      located = (await this.locate(input.checkoutId)) ?? located;
    }
    return ok({ checkoutId: input.checkoutId, kind: located.kind, outcome: input.outcome, status: located.status });
  }

  private completesOnReturn(gatewayId: string, parameters: Readonly<Record<string, string>>): boolean {
    return Object.keys(parameters).length > 0 && typeof this.gateways.find(gatewayId)?.completeCheckout === 'function';
  }

  private locate(checkoutId: string): Promise<Located | null> {
    return this.uow.run(async (tx) => {
      const order = await tx.orders.findById(checkoutId);
      if (order) return { kind: 'order', gatewayId: order.toState().gatewayId, status: ORDER_STATUS[order.status] };
      const signup = await tx.trialCheckouts.findById(checkoutId);
      if (!signup) return null;
      // A completed sign-up has started the trial: its challenge is provisioned.
      return { kind: 'trial', gatewayId: signup.gatewayId, status: signup.status === 'completed' ? 'fulfilled' : 'pending' };
    });
  }
}
