import {
  GatewayErrorCode,
  Order,
  OrderErrorCode,
  ProhibitedCountries,
  chooseGateway,
  domainError,
  err,
  ok,
  tryDecimal,
  type DomainError,
  type Money,
  type OrderItem,
  type Result,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import { isPaymentGatewayError, type CheckoutCustomer, type PaymentGatewayRegistry } from '../../ports/payment-gateway.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import type { RecordedCheckout } from '../ports/commerce-repositories.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { commerceErrors } from '../commerce-errors.js';
import { orderView, type OrderView } from '../shared/order-view.js';

export interface PlaceOrderInput {
  readonly userId: string;
  readonly gatewayId: string;
  /** The model bought; for a reset it may be omitted (the challenge's model is used). */
  readonly modelId?: string;
  /** The size's initial balance, e.g. "100000"; for a reset it may be omitted. */
  readonly balance?: string;
  readonly swapFree?: boolean;
  /** Restart this failed or expired challenge at price × (1 − reset discount). */
  readonly resetOfChallengeId?: string | null;
  /**
   * The request's Idempotency-Key. The order remembers it, so a retry whose
   * first attempt died half-way gets that attempt's order (and checkout)
   * instead of a second one.
   */
  readonly requestKey?: string | null;
}

export interface CheckoutStart {
  readonly gatewayId: string;
  readonly providerReference: string;
  /** Where to send the buyer to pay. */
  readonly redirectUrl: string;
  /** Values a client-side checkout widget needs (empty for hosted pages). */
  readonly clientParameters: Readonly<Record<string, string>>;
}

export interface PlacedOrder {
  readonly order: OrderView;
  readonly checkout: CheckoutStart;
}

export type CheckoutReturnUrl = (orderId: string, outcome: 'success' | 'cancel') => string;

interface Placed {
  readonly order: Order;
  readonly customer: CheckoutCustomer;
  readonly description: string;
}

/**
 * A purchase (section 9): a challenge of a model and size, swap-free or not,
 * or the reset of a failed or expired challenge, at the listed price plus the
 * chosen gateway's fee. Refuses prohibited countries, sizes switched off and
 * gateways not offered to the buyer now. A gateway that settles in another
 * currency is asked for the order's charge (the total at its settlement
 * rate, frozen on the order), not the total. The order is stored first, then the
 * gateway's checkout is created with the order id (it comes back in every
 * payment event) and its reference is kept on the order.
 */
export class PlaceOrder {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly gateways: PaymentGatewayRegistry,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly checkoutReturn: CheckoutReturnUrl,
  ) {}

  async execute(input: PlaceOrderInput): Promise<Result<PlacedOrder, DomainError>> {
    const gateway = this.gateways.find(input.gatewayId);
    if (!gateway) {
      return err(domainError(GatewayErrorCode.UNKNOWN, `Unknown payment gateway: ${input.gatewayId}`, { gatewayId: input.gatewayId }));
    }
    const requestKey = input.requestKey ?? null;
    const earlier = requestKey ? await this.uow.run((tx) => this.earlierAttempt(tx, input.userId, requestKey)) : null;
    if (earlier?.checkout) return ok({ order: orderView(earlier.order), checkout: { gatewayId: earlier.order.toState().gatewayId, ...earlier.checkout } });
    if (earlier && earlier.order.status !== 'pending_payment') return err(this.refusedCheckout(earlier.order));
    const placed = earlier
      ? ok({ order: earlier.order, customer: earlier.customer, description: earlier.description })
      : await this.uow.run((tx) => this.place(tx, input, this.clock.now()));
    if (!placed.ok) return placed;
    const { order, customer, description } = placed.value;
    let session;
    try {
      session = await gateway.createCheckout({
        orderId: order.id,
        // What the gateway collects: the total, or the total converted at the rate frozen on the order.
        amount: order.charge.amount,
        currency: order.charge.currency,
        description,
        customer,
        successUrl: this.checkoutReturn(order.id, 'success'),
        cancelUrl: this.checkoutReturn(order.id, 'cancel'),
      });
    } catch (error) {
      if (!isPaymentGatewayError(error)) throw error;
      // Nothing can be paid on this order; it is closed so it never lingers as payable.
      await this.uow.run(async (tx) => {
        const stored = await tx.orders.findById(order.id, { forUpdate: true });
        if (stored?.cancel({ reason: `${CHECKOUT_FAILED}${error.code}`, at: this.clock.now() }).ok) {
          await tx.orders.save(stored);
          await tx.outbox.add(eventsToOutbox('order', stored.pullEvents()));
        }
      });
      return err(commerceErrors.checkoutFailed(input.gatewayId, error.code));
    }
    const checkout = { providerReference: session.providerReference, redirectUrl: session.redirectUrl, clientParameters: session.clientParameters };
    await this.uow.run((tx) => tx.orders.recordCheckout(order.id, checkout, this.clock.now()));
    return ok({ order: orderView(order), checkout: { gatewayId: gateway.id, ...checkout } });
  }

  /**
   * What an earlier attempt with the same key left: its order, with the
   * checkout it was given, or (when it died before the gateway answered)
   * what is needed to create that checkout now.
   */
  private async earlierAttempt(
    tx: TransactionScope,
    buyerId: string,
    requestKey: string,
  ): Promise<{ order: Order; checkout: RecordedCheckout | null; customer: CheckoutCustomer; description: string } | null> {
    const order = await tx.orders.findByRequestKey(buyerId, requestKey);
    if (!order) return null;
    const state = order.toState();
    const user = await tx.users.findById(buyerId);
    const model = await tx.challengeModels.findById(state.modelId);
    return {
      order,
      checkout: await tx.orders.checkoutOf(order.id),
      customer: { id: buyerId, email: user?.email ?? '', country: state.buyerCountry },
      description: describeItem({ modelName: model?.name ?? state.modelId, size: state.accountSize, currency: state.currency, swapFree: state.swapFree, reset: state.resetOfChallengeId !== null }),
    };
  }

  /** The refusal an earlier attempt met at the gateway (its order was closed then). */
  private refusedCheckout(order: Order): DomainError {
    const state = order.toState();
    const reason = state.cancellation?.reason ?? '';
    return commerceErrors.checkoutFailed(state.gatewayId, reason.startsWith(CHECKOUT_FAILED) ? reason.slice(CHECKOUT_FAILED.length) : 'unknown');
  }

  private async place(tx: TransactionScope, input: PlaceOrderInput, now: Date): Promise<Result<Placed, DomainError>> {
    const user = await tx.users.findById(input.userId);
    if (!user) return err(commerceErrors.userNotFound(input.userId));
    const prohibited = ProhibitedCountries.of(await tx.prohibitedCountries.list());
    const country = prohibited.check(user.country, 'purchase');
    if (!country.ok) return country;
    const gateway = chooseGateway(await tx.paymentGatewaySettings.list(), input.gatewayId, country.value, now);
    if (!gateway.ok) return gateway;
    const item = input.resetOfChallengeId ? await this.resetItem(tx, input, input.resetOfChallengeId) : await this.newItem(tx, input);
    if (!item.ok) return item;
    const placed = Order.place(
      {
        id: this.ids.newId(),
        buyerId: user.id,
        buyerCountry: country.value,
        item: item.value.item,
        listPrice: item.value.listPrice,
        gateway: gateway.value,
        at: now,
      },
      prohibited,
    );
    if (!placed.ok) return placed;
    const order = placed.value;
    await tx.orders.save(order);
    if (input.requestKey) await tx.orders.recordRequestKey(order.id, user.id, input.requestKey);
    await tx.outbox.add(eventsToOutbox('order', order.pullEvents()));
    return ok({
      order,
      customer: { id: user.id, email: user.email, country: country.value },
      description: item.value.description,
    });
  }

  private async newItem(
    tx: TransactionScope,
    input: PlaceOrderInput,
  ): Promise<Result<{ item: OrderItem; listPrice: Money; description: string }, DomainError>> {
    const balance = input.balance === undefined ? null : tryDecimal(input.balance);
    if (!input.modelId || !balance) return err(invalidItem('A model and an account size are required'));
    const model = await tx.challengeModels.findById(input.modelId);
    if (!model) return err(commerceErrors.modelNotFound(input.modelId));
    const size = model.purchasableSize(balance);
    if (!size.ok) return size;
    const swapFree = input.swapFree ?? false;
    return ok({
      item: { modelId: model.id, modelVersion: model.version, accountSize: size.value.balance, swapFree, reset: null },
      listPrice: size.value.price,
      description: describeItem({ modelName: model.name, size: size.value.balance.toFixed(), currency: size.value.balance.currency, swapFree, reset: false }),
    });
  }

  /** A reset is priced from the challenge's own frozen snapshot, not from today's catalog. */
  private async resetItem(
    tx: TransactionScope,
    input: PlaceOrderInput,
    challengeId: string,
  ): Promise<Result<{ item: OrderItem; listPrice: Money; description: string }, DomainError>> {
    const challenge = await tx.challenges.findById(challengeId);
    if (!challenge || challenge.traderId !== input.userId) return err(commerceErrors.challengeNotFound(challengeId));
    if (challenge.status !== 'failed' && challenge.status !== 'expired') {
      return err(commerceErrors.resetNotAllowed(challengeId, challenge.status));
    }
    const rules = challenge.rules;
    if (input.modelId !== undefined && input.modelId !== rules.modelId) {
      return err(invalidItem('A reset restarts the challenge on its own model'));
    }
    const balance = input.balance === undefined ? null : tryDecimal(input.balance);
    if (input.balance !== undefined && !balance?.equals(rules.initialBalance.amount)) {
      return err(invalidItem('A reset restarts the challenge at its own account size'));
    }
    return ok({
      item: {
        modelId: rules.modelId,
        modelVersion: rules.modelVersion,
        accountSize: rules.initialBalance,
        swapFree: await tx.challenges.isSwapFree(challengeId),
        reset: { challengeId, discount: rules.parameters.resetDiscountPercent },
      },
      listPrice: rules.price,
      description: describeItem({ modelName: rules.modelName, size: rules.initialBalance.toFixed(), currency: rules.currency, swapFree: false, reset: true }),
    });
  }
}

/** What the buyer reads on the gateway's checkout page. */
function describeItem(item: { modelName: string; size: string; currency: string; swapFree: boolean; reset: boolean }): string {
  if (item.reset) return `Reset of ${item.modelName} ${item.size} ${item.currency}`;
  return `${item.modelName} ${item.size} ${item.currency}${item.swapFree ? ' (swap-free)' : ''}`;
}

/** How an order closed by its gateway's refusal records the reason. */
const CHECKOUT_FAILED = 'checkout_failed:';

const invalidItem = (message: string) => domainError(OrderErrorCode.INVALID_ITEM, message, {});
