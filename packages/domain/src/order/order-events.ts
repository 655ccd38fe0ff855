import type { DomainEvent } from '../shared/domain-event.js';
import type { RefundKind } from './order-types.js';

/** An order's charge in events: amount to the settlement currency's minor unit, the rate applied or null. */
export interface OrderChargeData {
  amount: string;
  currency: string;
  rate: string | null;
}

export type OrderPlaced = DomainEvent<
  'OrderPlaced',
  {
    buyerId: string;
    modelId: string;
    modelVersion: number;
    accountSize: string;
    swapFree: boolean;
    resetOfChallengeId: string | null;
    gatewayId: string;
    currency: string;
    price: string;
    gatewayFee: string;
    total: string;
    /** What the gateway collects: the total, or the total at the gateway's settlement rate (`rate` then set). */
    charge: OrderChargeData;
  }
>;
/** `amount`/`currency`: the total in the price currency; `charge`: what the provider collected. */
export type OrderPaid = DomainEvent<'OrderPaid', { providerPaymentId: string; currency: string; amount: string; charge: OrderChargeData }>;
export type OrderFulfilled = DomainEvent<
  'OrderFulfilled',
  { challengeId: string; buyerId: string; resetOfChallengeId: string | null; swapFree: boolean }
>;
export type OrderCancelled = DomainEvent<
  'OrderCancelled',
  { reason: string; refund: { kind: RefundKind; providerRefundId: string } | null }
>;
/** A fulfilled order was refunded or charged back: the application marks the challenge refunded. */
export type OrderRefunded = DomainEvent<
  'OrderRefunded',
  { kind: RefundKind; providerRefundId: string; challengeId: string; buyerId: string; currency: string; amount: string }
>;

export type OrderEvent = OrderPlaced | OrderPaid | OrderFulfilled | OrderCancelled | OrderRefunded;
