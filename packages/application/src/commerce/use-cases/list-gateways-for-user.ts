import {
  Money,
  availableGatewaySettings,
  err,
  gatewayFee,
  ok,
  orderCharge,
  toMinorUnitString,
  tryDecimal,
  type DomainError,
  type GatewayKind,
  type Result,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { PaymentGatewayRegistry } from '../../ports/payment-gateway.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { commerceErrors } from '../commerce-errors.js';

export interface ListGatewaysForUserInput {
  readonly userId: string;
  /** A price to show each gateway's fee and total for (the catalog currency), e.g. "449.00". */
  readonly price?: string;
}

export interface OfferedGateway {
  readonly id: string;
  readonly displayName: string;
  readonly kind: GatewayKind;
  readonly fee: { readonly percent: string; readonly fixed: string; readonly currency: string };
  /** percent × price + fixed for the given price, booked to the cent. */
  readonly feeAmount: string | null;
  readonly total: string | null;
  /** A gateway that collects in another currency (UPI: rupees): that currency and today's rate per unit of the price currency. */
  readonly settlement: { readonly currency: string; readonly rate: string } | null;
  /** What the gateway would collect for the given price: the total, or the total at today's rate in its settlement currency. */
  readonly charge: { readonly amount: string; readonly currency: string } | null;
  /** Whether a trial's end-of-trial charge can go through this gateway. */
  readonly supportsTrials: boolean;
}

/**
 * The checkout's list: the gateways configured in this deployment that are
 * enabled, allowed for the user's country and inside their daily window (in
 * the gateway's own time zone) right now, each with its fee.
 */
export class ListGatewaysForUser {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly gateways: PaymentGatewayRegistry,
    private readonly clock: Clock,
  ) {}

  async execute(input: ListGatewaysForUserInput): Promise<Result<{ country: string; gateways: OfferedGateway[] }, DomainError>> {
    const now = this.clock.now();
    const wanted = input.price === undefined ? null : tryDecimal(input.price);
    if (input.price !== undefined && (wanted === null || wanted.isNegative())) return err(commerceErrors.invalidAmount('price', input.price));
    const loaded = await this.uow.run(async (tx) => {
      const user = await tx.users.findById(input.userId);
      return user ? { country: user.country, settings: await tx.paymentGatewaySettings.list() } : null;
    });
    if (!loaded) return err(commerceErrors.userNotFound(input.userId));
    const configured = loaded.settings.filter((settings) => this.gateways.find(settings.id) !== null);
    const offered = availableGatewaySettings(configured, loaded.country, now).map((settings): OfferedGateway => {
      const price = wanted === null ? null : Money.of(wanted, settings.fee.fixed.currency);
      const fee = price ? gatewayFee(settings, price) : null;
      const total = price && fee ? price.booked().plus(fee) : null;
      const charge = total ? orderCharge(total, settings.settlement).amount : null;
      return {
        id: settings.id,
        displayName: settings.displayName,
        kind: settings.kind,
        fee: { percent: settings.fee.percent.toString(), fixed: settings.fee.fixed.toFixed(), currency: settings.fee.fixed.currency },
        feeAmount: fee ? fee.toFixed() : null,
        total: total ? total.toFixed() : null,
        settlement: settings.settlement ? { currency: settings.settlement.currency, rate: settings.settlement.rate.toFixed() } : null,
        charge: charge ? { amount: toMinorUnitString(charge.amount, charge.currency), currency: charge.currency } : null,
        supportsTrials: typeof this.gateways.find(settings.id)?.chargeOffSession === 'function',
      };
    });
    return ok({ country: loaded.country, gateways: offered });
  }
}
