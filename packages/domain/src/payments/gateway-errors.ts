import { OrderErrorCode } from '../order/order-errors.js';

/** Stable codes for choosing a payment gateway at checkout. */
export const GatewayErrorCode = {
  /** No gateway with that id is configured. */
  UNKNOWN: 'PAYMENT.GATEWAY_UNKNOWN',
  /**
   * Configured, but not offered to this buyer now (disabled, country lists, or
   * outside its daily window). The same code the order refuses with, so the
   * client sees one code whichever check caught it.
   */
  UNAVAILABLE: OrderErrorCode.GATEWAY_UNAVAILABLE,
} as const;
export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];
