/** pending_payment → paid → fulfilled; pending_payment → cancelled; paid → cancelled (refunded before fulfilment); fulfilled → refunded. */
export type OrderStatus = 'pending_payment' | 'paid' | 'fulfilled' | 'cancelled' | 'refunded';
export type RefundKind = 'refund' | 'chargeback';
