import { Decimal } from 'decimal.js';
import { toMinorUnitString, type Order, type OrderStatus, type RefundKind } from '@tradesense/domain';

/** An order as its buyer sees it: amounts as cent strings, instants as Dates. */
export interface OrderView {
  readonly id: string;
  readonly status: OrderStatus;
  readonly modelId: string;
  readonly modelVersion: number;
  readonly accountSize: string;
  readonly swapFree: boolean;
  readonly resetOfChallengeId: string | null;
  readonly gatewayId: string;
  readonly currency: string;
  readonly listPrice: string;
  /** List price less the reset discount (equal to it for a first purchase). */
  readonly price: string;
  readonly gatewayFee: string;
  readonly total: string;
  /**
   * What the gateway collects: the total in `currency`, or (for a gateway
   * that settles in another currency, e.g. UPI in rupees) the total at the
   * rate frozen when the order was placed, to that currency's minor unit.
   */
  readonly charge: { readonly amount: string; readonly currency: string; readonly rate: string | null };
  readonly createdAt: Date;
  readonly paidAt: Date | null;
  readonly fulfilledAt: Date | null;
  readonly challengeId: string | null;
  readonly cancellation: { readonly reason: string; readonly at: Date } | null;
  readonly refund: { readonly kind: RefundKind; readonly at: Date } | null;
}

const cents = (value: string) => new Decimal(value).toFixed(2);

export function orderView(order: Order): OrderView {
  const s = order.toState();
  return {
    id: s.id,
    status: s.status,
    modelId: s.modelId,
    modelVersion: s.modelVersion,
    accountSize: cents(s.accountSize),
    swapFree: s.swapFree,
    resetOfChallengeId: s.resetOfChallengeId,
    gatewayId: s.gatewayId,
    currency: s.currency,
    listPrice: cents(s.listPrice),
    price: cents(s.price),
    gatewayFee: cents(s.gatewayFee),
    total: cents(s.total),
    charge: {
      amount: toMinorUnitString(new Decimal(s.charge.amount), s.charge.currency),
      currency: s.charge.currency,
      rate: s.charge.rate === null ? null : new Decimal(s.charge.rate).toFixed(),
    },
    createdAt: s.createdAt,
    paidAt: s.payment?.confirmedAt ?? null,
    fulfilledAt: s.fulfilment?.fulfilledAt ?? null,
    challengeId: s.fulfilment?.challengeId ?? null,
    cancellation: s.cancellation ? { reason: s.cancellation.reason, at: s.cancellation.at } : null,
    refund: s.refund ? { kind: s.refund.kind, at: s.refund.at } : null,
  };
}
