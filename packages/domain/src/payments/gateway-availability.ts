import type { Money } from '../money/money.js';
import { PaymentGateway, type GatewayUnavailability } from '../order/payment-gateway.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { GatewayErrorCode } from './gateway-errors.js';
import type { GatewaySettings } from './gateway-settings.js';

/**
 * Why a gateway is not offered to a buyer from `userCountry` at `now`, or null
 * when it is. Blocked beats allowed; the daily window is read on the wall
 * clock of the gateway's own time zone and may wrap midnight.
 */
export function gatewayUnavailability(settings: GatewaySettings, userCountry: string, now: Date): GatewayUnavailability | null {
  return PaymentGateway.of(settings).unavailability(userCountry, now);
}

/** The gateways the checkout lists for that buyer now, in the configured order. */
export function availableGatewaySettings(
  settings: readonly GatewaySettings[],
  userCountry: string,
  now: Date,
): GatewaySettings[] {
  return settings.filter((gateway) => gatewayUnavailability(gateway, userCountry, now) === null);
}

/** percent × price + fixed, booked to the cent half-up: the fee shown beside the price. */
export function gatewayFee(settings: GatewaySettings, price: Money): Money {
  return PaymentGateway.of(settings).feeFor(price);
}

/**
 * The gateway the buyer picked, as the order takes it. An id that is not
 * configured is `PAYMENT.GATEWAY_UNKNOWN`; one that is configured but not
 * offered to this buyer now is `ORDER.GATEWAY_UNAVAILABLE` with the reason.
 */
export function chooseGateway(
  settings: readonly GatewaySettings[],
  gatewayId: string,
  userCountry: string,
  now: Date,
): Result<PaymentGateway> {
  const chosen = settings.find((gateway) => gateway.id === gatewayId);
  if (!chosen) {
    return err(domainError(GatewayErrorCode.UNKNOWN, `Unknown payment gateway: ${gatewayId}`, { gatewayId }));
  }
  const gateway = PaymentGateway.of(chosen);
  const reason = gateway.unavailability(userCountry, now);
  if (reason) {
    return err(
      domainError(GatewayErrorCode.UNAVAILABLE, 'This payment method is not available', { gatewayId, reason }),
    );
  }
  return ok(gateway);
}
