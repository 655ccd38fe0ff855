import { Decimal } from 'decimal.js';
import type { OrderState, OrderStatus, RefundKind } from '@tradesense/domain';

export interface OrderRow {
  id: string;
  buyer_id: string;
  buyer_country: string;
  model_id: string;
  model_version: number;
  account_size: string;
  swap_free: boolean;
  reset_of_challenge_id: string | null;
  reset_discount: string | null;
  gateway_id: string;
  currency: string;
  list_price: string;
  price: string;
  gateway_fee: string;
  total: string;
  charge_amount: string;
  charge_currency: string;
  charge_rate: string | null;
  status: OrderStatus;
  created_at: Date;
  provider_payment_id: string | null;
  paid_amount: string | null;
  paid_at: Date | null;
  challenge_id: string | null;
  fulfilled_at: Date | null;
  cancellation_reason: string | null;
  cancelled_at: Date | null;
  refund_kind: RefundKind | null;
  provider_refund_id: string | null;
  refunded_at: Date | null;
  checkout_reference: string | null;
  checkout_created_at: Date | null;
  version: number;
}

/** NUMERIC comes back padded ("449.00"); the domain spells amounts without trailing zeros ("449"). */
const amount = (value: string): string => new Decimal(value).toFixed();

export const orderMapper = {
  toRow: (s: OrderState) => ({
    buyer_id: s.buyerId,
    buyer_country: s.buyerCountry,
    model_id: s.modelId,
    model_version: s.modelVersion,
    account_size: s.accountSize,
    swap_free: s.swapFree,
    reset_of_challenge_id: s.resetOfChallengeId,
    reset_discount: s.resetDiscount,
    gateway_id: s.gatewayId,
    currency: s.currency,
    list_price: s.listPrice,
    price: s.price,
    gateway_fee: s.gatewayFee,
    total: s.total,
    charge_amount: s.charge.amount,
    charge_currency: s.charge.currency,
    charge_rate: s.charge.rate,
    status: s.status,
    created_at: s.createdAt,
    provider_payment_id: s.payment?.providerPaymentId ?? null,
    paid_amount: s.payment?.amount ?? null,
    paid_at: s.payment?.confirmedAt ?? null,
    challenge_id: s.fulfilment?.challengeId ?? null,
    fulfilled_at: s.fulfilment?.fulfilledAt ?? null,
    cancellation_reason: s.cancellation?.reason ?? null,
    cancelled_at: s.cancellation?.at ?? null,
    refund_kind: s.refund?.kind ?? null,
    provider_refund_id: s.refund?.providerRefundId ?? null,
    refunded_at: s.refund?.at ?? null,
  }),
  toState: (r: OrderRow): OrderState => ({
    id: r.id,
    version: r.version,
    buyerId: r.buyer_id,
    buyerCountry: r.buyer_country,
    modelId: r.model_id,
    modelVersion: r.model_version,
    accountSize: amount(r.account_size),
    swapFree: r.swap_free,
    resetOfChallengeId: r.reset_of_challenge_id,
    resetDiscount: r.reset_discount === null ? null : amount(r.reset_discount),
    gatewayId: r.gateway_id,
    currency: r.currency,
    listPrice: amount(r.list_price),
    price: amount(r.price),
    gatewayFee: amount(r.gateway_fee),
    total: amount(r.total),
    charge: { amount: amount(r.charge_amount), currency: r.charge_currency, rate: r.charge_rate === null ? null : amount(r.charge_rate) },
    status: r.status,
    createdAt: r.created_at,
    payment:
      r.provider_payment_id !== null && r.paid_amount !== null && r.paid_at !== null
        ? { providerPaymentId: r.provider_payment_id, amount: amount(r.paid_amount), confirmedAt: r.paid_at }
        : null,
    fulfilment: r.challenge_id !== null && r.fulfilled_at !== null ? { challengeId: r.challenge_id, fulfilledAt: r.fulfilled_at } : null,
    cancellation: r.cancellation_reason !== null && r.cancelled_at !== null ? { reason: r.cancellation_reason, at: r.cancelled_at } : null,
    refund:
      r.refund_kind !== null && r.provider_refund_id !== null && r.refunded_at !== null
        ? { kind: r.refund_kind, providerRefundId: r.provider_refund_id, at: r.refunded_at }
        : null,
  }),
};
