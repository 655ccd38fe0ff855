import { CLOCK, PAYMENT_GATEWAYS, type Clock, type PaymentGateway, type PaymentGatewayRegistry } from '@tradesense/application';
import { ContainerModule } from 'inversify';
import { randomSimulatedSecret, type PaymentsConfig } from './config/payments-config.js';
import { CoinbaseCommerceGateway } from './crypto/coinbase-commerce-gateway.js';
import { PayPalGateway } from './paypal/paypal-gateway.js';
import { StaticPaymentGatewayRegistry } from './registry/static-payment-gateway-registry.js';
import { SimulatedGateway } from './simulated/simulated-gateway.js';
import { StripeGateway } from './stripe/stripe-gateway.js';
import { TcPayGateway } from './tc-pay/tc-pay-gateway.js';
import { RazorpayGateway } from './upi/razorpay-gateway.js';

/** The gateways whose settings are present; the simulated one always in embedded mode. Usable without a container. */
export function createPaymentGateways(config: PaymentsConfig, clock: Clock): PaymentGatewayRegistry {
  const gateways: PaymentGateway[] = [];
  if (config.stripe) gateways.push(new StripeGateway(config.stripe, clock));
  if (config.paypal) gateways.push(new PayPalGateway(config.paypal, clock));
  if (config.crypto) gateways.push(new CoinbaseCommerceGateway(config.crypto));
  if (config.upi) gateways.push(new RazorpayGateway(config.upi));
  if (config.tcPay) gateways.push(new TcPayGateway(config.tcPay, clock));
  if (config.mode === 'embedded' || config.simulated) {
    const simulated = config.simulated ?? {};
    gateways.push(
      new SimulatedGateway(
        {
          secret: simulated.secret ?? randomSimulatedSecret(),
          confirmUrl: simulated.confirmUrl ?? `${config.publicBaseUrl.replace(/\/+$/, '')}/v1/payments/simulated/confirm`,
          ...(simulated.linkTtlSeconds !== undefined && { linkTtlSeconds: simulated.linkTtlSeconds }),
        },
        clock,
      ),
    );
  }
  return new StaticPaymentGatewayRegistry(gateways);
}

/** Binds PAYMENT_GATEWAYS (one registry per container); CLOCK must be bound by the composition root. */
export function paymentsModule(config: PaymentsConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(PAYMENT_GATEWAYS)
      .toDynamicValue((context) => createPaymentGateways(config, context.get<Clock>(CLOCK)))
      .inSingletonScope();
  });
}
