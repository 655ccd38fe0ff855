import { GatewayErrorCode, domainError, err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { PaymentGatewayRegistry } from '../../ports/payment-gateway.js';
import type { WebhookRequest } from '../../ports/webhook.js';
import type { HandlePaymentEvent, PaymentEventOutcome } from './handle-payment-event.js';

export interface ReceivePaymentWebhookInput {
  readonly gatewayId: string;
  readonly request: WebhookRequest;
}

export type WebhookOutcome = PaymentEventOutcome | { readonly kind: 'ignored'; readonly rawType: string };

/**
 * A provider's notification: verified by the gateway (a failed signature
 * throws `WebhookError`, which the HTTP layer answers with 400), then
 * handled. Event types the platform does not use are acknowledged as ignored.
 */
export class ReceivePaymentWebhook {
  constructor(
    private readonly gateways: PaymentGatewayRegistry,
    private readonly handlePaymentEvent: HandlePaymentEvent,
  ) {}

  async execute(input: ReceivePaymentWebhookInput): Promise<Result<WebhookOutcome, DomainError>> {
    const gateway = this.gateways.find(input.gatewayId);
    if (!gateway) return err(domainError(GatewayErrorCode.UNKNOWN, `Unknown payment gateway: ${input.gatewayId}`, { gatewayId: input.gatewayId }));
    const notice = await gateway.parseWebhook(input.request);
    if (notice.outcome === 'ignored') return ok({ kind: 'ignored', rawType: notice.rawType });
    return this.handlePaymentEvent.execute(notice.event);
  }
}
