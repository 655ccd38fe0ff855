import type { ProhibitedCountries } from '../kyc/prohibited-countries.js';
import { toMinorUnitString } from '../money/currency-minor-unit.js';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';
import { AggregateRoot, type EventPayload } from '../shared/aggregate-root.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { orderCharge, type OrderCharge } from './order-charge.js';
import { OrderErrorCode } from './order-errors.js';
import type { OrderEvent } from './order-events.js';
import { quoteOrder, type OrderQuote } from './order-pricing.js';
import type { OrderStatus, RefundKind } from './order-types.js';
import type { PaymentGateway } from './payment-gateway.js';

/** What is bought: a challenge of one model and size, optionally swap-free, optionally as a reset. */
export interface OrderItem {
  readonly modelId: string;
  readonly modelVersion: number;
  readonly accountSize: Money;
  readonly swapFree: boolean;
  /** A reset restarts a failed or expired challenge at the model's reset discount. */
  readonly reset: { readonly challengeId: string; readonly discount: Percent } | null;
}

/** Plain-data persistence shape. */
export interface OrderState {
  readonly id: string;
  readonly version: number;
  readonly buyerId: string;
  readonly buyerCountry: string;
  readonly modelId: string;
  readonly modelVersion: number;
  readonly accountSize: string;
  readonly swapFree: boolean;
  readonly resetOfChallengeId: string | null;
  /** Points, for a reset order. */
  readonly resetDiscount: string | null;
  readonly gatewayId: string;
  readonly currency: string;
  readonly listPrice: string;
  readonly price: string;
  readonly gatewayFee: string;
  readonly total: string;
  /**
   * What the gateway collects: the total, or the total at the gateway's
   * settlement rate in its settlement currency (`rate` then set). Frozen at
   * placement; payments are checked against it.
   */
  readonly charge: { readonly amount: string; readonly currency: string; readonly rate: string | null };
  readonly status: OrderStatus;
  readonly createdAt: Date;
  readonly payment: { readonly providerPaymentId: string; readonly amount: string; readonly confirmedAt: Date } | null;
  readonly fulfilment: { readonly challengeId: string; readonly fulfilledAt: Date } | null;
  readonly cancellation: { readonly reason: string; readonly at: Date } | null;
  readonly refund: { readonly kind: RefundKind; readonly providerRefundId: string; readonly at: Date } | null;
}

export interface PlaceOrder {
  readonly id: string;
  readonly buyerId: string;
  readonly buyerCountry: string;
  readonly item: OrderItem;
  /** The model's listed price for the size (from the catalog). */
  readonly listPrice: Money;
  readonly gateway: PaymentGateway;
  readonly at: Date;
}

/** Whether a call changed the order (false: a repeat that recorded nothing). */
export interface OrderChange {
  readonly changed: boolean;
}

/**
 * A purchase (rule book section 9). Confirming the payment is idempotent by
 * the provider's payment id and checked against the amount and currency; the
 * order is fulfilled exactly once, whatever confirmations, retries and
 * refunds arrive. A refund or chargeback cancels an unfulfilled order and
 * marks a fulfilled one refunded (the application then marks the challenge
 * refunded and reverses any affiliate commission).
 */
export class Order extends AggregateRoot<OrderEvent> {
  private constructor(private state: OrderState) {
    super();
  }

  static place(input: PlaceOrder, prohibitedCountries: ProhibitedCountries): Result<Order> {
    const country = prohibitedCountries.check(input.buyerCountry, 'purchase');
    if (!country.ok) return country;
    const { item, listPrice } = input;
    const currency = listPrice.currency;
    const discount = item.reset?.discount ?? null;
    const validItem =
      listPrice.isPositive() &&
      item.accountSize.isPositive() &&
      item.modelId.trim() !== '' &&
      (discount === null || (discount.points.greaterThanOrEqualTo(0) && discount.points.lessThan(100))) &&
      input.gateway.fee.fixed.currency === currency;
    if (!validItem) return err(domainError(OrderErrorCode.INVALID_ITEM, 'The order item is invalid', {}));
    const unavailable = input.gateway.unavailability(country.value, input.at);
    if (unavailable) {
      return err(
        domainError(OrderErrorCode.GATEWAY_UNAVAILABLE, 'This payment method is not available', {
          gatewayId: input.gateway.id,
          reason: unavailable,
        }),
      );
    }
    const quote = quoteOrder({ listPrice, resetDiscount: discount, gatewayFee: input.gateway.fee });
    const charge = orderCharge(quote.total, input.gateway.settlement);
    // A rate so small that the total rounds to nothing in the settlement currency cannot be collected.
    if (!charge.amount.isPositive()) return err(domainError(OrderErrorCode.INVALID_ITEM, 'The order charges nothing at the gateway\'s settlement rate', {}));
    const order = new Order({
      id: input.id,
      version: 0,
      buyerId: input.buyerId,
      buyerCountry: country.value,
      modelId: item.modelId,
      modelVersion: item.modelVersion,
      accountSize: item.accountSize.amount.toFixed(),
      swapFree: item.swapFree,
      resetOfChallengeId: item.reset?.challengeId ?? null,
      resetDiscount: discount ? discount.points.toFixed() : null,
      gatewayId: input.gateway.id,
      currency,
      listPrice: listPrice.amount.toFixed(),
      price: quote.price.amount.toFixed(),
      gatewayFee: quote.gatewayFee.amount.toFixed(),
      total: quote.total.amount.toFixed(),
      charge: chargeState(charge),
      status: 'pending_payment',
      createdAt: input.at,
      payment: null,
      fulfilment: null,
      cancellation: null,
      refund: null,
    });
    order.emit('OrderPlaced', input.at, {
      buyerId: input.buyerId,
      modelId: item.modelId,
      modelVersion: item.modelVersion,
      accountSize: item.accountSize.toFixed(),
      swapFree: item.swapFree,
      resetOfChallengeId: item.reset?.challengeId ?? null,
      gatewayId: input.gateway.id,
      currency,
      price: quote.price.toFixed(),
      gatewayFee: quote.gatewayFee.toFixed(),
      total: quote.total.toFixed(),
      charge: chargeView(charge),
    });
    return ok(order);
  }

  static restore(state: OrderState): Order {
    return new Order(cloneState(state));
  }

  get id(): string {
    return this.state.id;
  }
  get version(): number {
    return this.state.version;
  }
  get buyerId(): string {
    return this.state.buyerId;
  }
  get status(): OrderStatus {
    return this.state.status;
  }
  get swapFree(): boolean {
    return this.state.swapFree;
  }
  get total(): Money {
    return this.money(this.state.total);
  }
  /** The price without the gateway fee (the affiliate commission base). */
  get price(): Money {
    return this.money(this.state.price);
  }
  /** What the gateway collects for this order (the total, or the total in the gateway's settlement currency). */
  get charge(): Money {
    return Money.of(this.state.charge.amount, this.state.charge.currency);
  }
  /** The settlement rate frozen at placement; null when the gateway collects the total as priced. */
  get chargeRate(): Decimal | null {
    return this.state.charge.rate === null ? null : new Decimal(this.state.charge.rate);
  }
  /** The charge and its rate together, as placed. */
  chargeQuote(): OrderCharge {
    return { amount: this.charge, rate: this.chargeRate };
  }
  get challengeId(): string | null {
    return this.state.fulfilment?.challengeId ?? null;
  }

  quote(): OrderQuote {
    return {
      listPrice: this.money(this.state.listPrice),
      resetDiscount: this.state.resetDiscount === null ? null : Percent.of(this.state.resetDiscount),
      price: this.price,
      gatewayFee: this.money(this.state.gatewayFee),
      total: this.total,
    };
  }

  /**
   * Records a verified payment of exactly the order's charge (amount and
   * currency). The same provider payment id again is a no-op; another payment on a paid order is `ORDER.ALREADY_PAID` (the
   * application refunds it); on a cancelled order `ORDER.CANCELLED`.
   */
  confirmPayment(input: { providerPaymentId: string; amount: Money; at: Date }): Result<OrderChange> {
    const { payment, status } = this.state;
    if (payment !== null) {
      if (payment.providerPaymentId === input.providerPaymentId) return ok({ changed: false });
      return err(
        domainError(OrderErrorCode.ALREADY_PAID, 'The order is already paid by another payment', {
          orderId: this.state.id,
          providerPaymentId: input.providerPaymentId,
        }),
      );
    }
    if (status === 'cancelled') return this.refuse(OrderErrorCode.CANCELLED, 'The order was cancelled');
    const charge = this.charge;
    if (input.amount.currency !== charge.currency || !input.amount.amount.equals(charge.amount)) {
      return err(
        domainError(OrderErrorCode.AMOUNT_MISMATCH, 'The payment does not match the order', {
          expected: chargeView(this.chargeQuote()),
          actual: { amount: input.amount.amount.toFixed(), currency: input.amount.currency },
        }),
      );
    }
    this.state = {
      ...this.state,
      status: 'paid',
      payment: { providerPaymentId: input.providerPaymentId, amount: this.state.total, confirmedAt: input.at },
    };
    this.emit('OrderPaid', input.at, {
      providerPaymentId: input.providerPaymentId,
      currency: this.state.currency,
      amount: this.total.toFixed(),
      charge: chargeView(this.chargeQuote()),
    });
    return ok({ changed: true });
  }

  /** Fulfils a paid order once, with the challenge created for it. */
  fulfil(input: { challengeId: string; at: Date }): Result<void> {
    switch (this.state.status) {
      case 'pending_payment':
        return this.refuse(OrderErrorCode.NOT_PAID, 'The order is not paid');
      case 'fulfilled':
        return this.refuse(OrderErrorCode.ALREADY_FULFILLED, 'The order is already fulfilled');
      case 'cancelled':
        return this.refuse(OrderErrorCode.CANCELLED, 'The order was cancelled');
      case 'refunded':
        return this.refuse(OrderErrorCode.REFUNDED, 'The order was refunded');
      case 'paid':
        break;
    }
    this.state = { ...this.state, status: 'fulfilled', fulfilment: { challengeId: input.challengeId, fulfilledAt: input.at } };
    this.emit('OrderFulfilled', input.at, {
      challengeId: input.challengeId,
      buyerId: this.state.buyerId,
      resetOfChallengeId: this.state.resetOfChallengeId,
      swapFree: this.state.swapFree,
    });
    return ok(undefined);
  }

  /**
   * A refund or chargeback from the provider. Paid but not fulfilled →
   * cancelled; fulfilled → refunded. Any later refund notice is a no-op.
   */
  refund(input: { kind: RefundKind; providerRefundId: string; at: Date }): Result<OrderChange> {
    if (this.state.refund !== null) return ok({ changed: false });
    const refund = { kind: input.kind, providerRefundId: input.providerRefundId, at: input.at };
    switch (this.state.status) {
      case 'pending_payment':
      case 'cancelled':
        return this.refuse(OrderErrorCode.NOT_PAID, 'Nothing was paid on this order');
      case 'paid': {
        const reason = input.kind === 'chargeback' ? 'chargeback' : 'refund';
        this.state = { ...this.state, status: 'cancelled', refund, cancellation: { reason, at: input.at } };
        this.emit('OrderCancelled', input.at, {
          reason,
          refund: { kind: input.kind, providerRefundId: input.providerRefundId },
        });
        return ok({ changed: true });
      }
      case 'fulfilled':
      case 'refunded': {
        const challengeId = this.state.fulfilment?.challengeId ?? '';
        this.state = { ...this.state, status: 'refunded', refund };
        this.emit('OrderRefunded', input.at, {
          kind: input.kind,
          providerRefundId: input.providerRefundId,
          challengeId,
          buyerId: this.state.buyerId,
          currency: this.state.currency,
          amount: this.total.toFixed(),
        });
        return ok({ changed: true });
      }
    }
  }

  /** Abandons an unpaid order (checkout expired or the buyer gave up). */
  cancel(input: { reason: string; at: Date }): Result<void> {
    if (this.state.status !== 'pending_payment') {
      return this.refuse(OrderErrorCode.CANNOT_CANCEL, `A ${this.state.status} order cannot be cancelled`);
    }
    this.state = { ...this.state, status: 'cancelled', cancellation: { reason: input.reason, at: input.at } };
    this.emit('OrderCancelled', input.at, { reason: input.reason, refund: null });
    return ok(undefined);
  }

  toState(): OrderState {
    return cloneState(this.state);
  }

  private refuse(code: OrderErrorCode, message: string): Result<never> {
    return err(domainError(code, message, { orderId: this.state.id, status: this.state.status }));
  }

  private money(amount: string): Money {
    return Money.of(amount, this.state.currency);
  }

  private emit<T extends OrderEvent['type']>(type: T, at: Date, payload: EventPayload<OrderEvent, T>): void {
    this.recordEvent(type, this.state.id, at, payload);
  }
}

function chargeState(charge: OrderCharge): OrderState['charge'] {
  return { amount: charge.amount.amount.toFixed(), currency: charge.amount.currency, rate: charge.rate?.toFixed() ?? null };
}

/** The charge as events and refusals spell it: the amount to the settlement currency's minor unit. */
function chargeView(charge: OrderCharge): { amount: string; currency: string; rate: string | null } {
  const { amount } = charge;
  return { amount: toMinorUnitString(amount.amount, amount.currency), currency: amount.currency, rate: charge.rate?.toFixed() ?? null };
}

function cloneState(state: OrderState): OrderState {
  return {
    ...state,
    charge: { ...state.charge },
    payment: state.payment ? { ...state.payment } : null,
    fulfilment: state.fulfilment ? { ...state.fulfilment } : null,
    cancellation: state.cancellation ? { ...state.cancellation } : null,
    refund: state.refund ? { ...state.refund } : null,
  };
}
