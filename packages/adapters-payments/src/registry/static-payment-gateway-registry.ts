import {
  PAYMENT_GATEWAY_IDS,
  PaymentGatewayError,
  type PaymentGateway,
  type PaymentGatewayId,
  type PaymentGatewayRegistry,
} from '@tradesense/application';

/** The gateways configured at start-up; the set does not change while the process runs. */
export class StaticPaymentGatewayRegistry implements PaymentGatewayRegistry {
  private readonly byId = new Map<string, PaymentGateway>();

  constructor(gateways: readonly PaymentGateway[]) {
    for (const gateway of gateways) {
      if (this.byId.has(gateway.id)) throw new Error(`Payment gateway configured twice: ${gateway.id}`);
      this.byId.set(gateway.id, gateway);
    }
  }

  ids(): readonly PaymentGatewayId[] {
    return PAYMENT_GATEWAY_IDS.filter((id) => this.byId.has(id));
  }

  find(id: string): PaymentGateway | null {
    return this.byId.get(id) ?? null;
  }

  get(id: string): PaymentGateway {
    const gateway = this.find(id);
    if (!gateway) {
      throw new PaymentGatewayError('PAYMENT.GATEWAY_UNKNOWN', `Payment gateway not configured: ${id}`, { gatewayId: id });
    }
    return gateway;
  }
}
