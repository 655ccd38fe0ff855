import type { PaymentGatewaySettings } from '../order/payment-gateway.js';

/** How a gateway is presented at checkout (the plan's gateway `type`). */
export type GatewayKind = 'card' | 'wallet' | 'crypto' | 'local' | 'simulated';

/**
 * One gateway's configuration as the checkout lists it: where and when it may
 * be offered and what it charges (the `PaymentGateway` rules), plus the
 * label and kind shown to the buyer. Plain data, so an admin edits it and the
 * repository stores it without code changes.
 */
export interface GatewaySettings extends PaymentGatewaySettings {
  readonly displayName: string;
  readonly kind: GatewayKind;
}
