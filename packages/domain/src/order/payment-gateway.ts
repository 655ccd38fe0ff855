import { formatInTimeZone } from 'date-fns-tz';
import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';
import { settlementProblem, type GatewaySettlement } from './order-charge.js';

/** Gateways of section 10; `simulated` backs the embedded default. */
export type GatewayId = 'stripe' | 'paypal' | 'crypto' | 'upi' | 'tc_pay' | 'simulated' | (string & {});

/** A gateway's fee: percent of the price plus a fixed amount. */
export interface GatewayFee {
  readonly percent: Percent;
  readonly fixed: Money;
}

/** A daily window in the gateway's own time zone, `opens` inclusive, `closes` exclusive; may wrap midnight. */
export interface AvailabilityWindow {
  readonly timeZone: string;
  readonly opens: string;
  readonly closes: string;
}

export interface PaymentGatewaySettings {
  readonly id: GatewayId;
  readonly enabled: boolean;
  /** ISO alpha-2 codes; null means every country not blocked. */
  readonly allowedCountries: readonly string[] | null;
  readonly blockedCountries: readonly string[];
  readonly availability: AvailabilityWindow | null;
  readonly fee: GatewayFee;
  /**
   * Set when the gateway collects in another currency than the price (UPI:
   * rupees): the order's charge is its total at this rate. Absent or null:
   * the gateway collects the total as priced.
   */
  readonly settlement?: GatewaySettlement | null;
}

export type GatewayUnavailability = 'DISABLED' | 'COUNTRY_NOT_ALLOWED' | 'COUNTRY_BLOCKED' | 'OUTSIDE_HOURS';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A payment gateway as configuration (section 10): where and when it may be
 * offered and what it charges. The checkout lists only the gateways
 * available to that user at that instant.
 */
export class PaymentGateway {
  private constructor(readonly settings: PaymentGatewaySettings) {}

  static of(settings: PaymentGatewaySettings): PaymentGateway {
    const window = settings.availability;
    if (window) {
      if (!HH_MM.test(window.opens) || !HH_MM.test(window.closes)) {
        throw new RangeError(`Availability times must be HH:mm (${settings.id})`);
      }
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: window.timeZone });
      } catch {
        throw new RangeError(`Unknown IANA time zone: ${window.timeZone}`);
      }
    }
    if (settings.fee.fixed.isNegative() || settings.fee.percent.points.isNegative()) {
      throw new RangeError(`Gateway fees cannot be negative (${settings.id})`);
    }
    const settlement = settings.settlement ?? null;
    const problem = settlement && settlementProblem(settlement, settings.fee.fixed.currency);
    if (problem) throw new RangeError(`${problem} (${settings.id})`);
    const upper = (codes: readonly string[]) => codes.map((c) => c.trim().toUpperCase());
    return new PaymentGateway({
      ...settings,
      allowedCountries: settings.allowedCountries ? upper(settings.allowedCountries) : null,
      blockedCountries: upper(settings.blockedCountries),
    });
  }

  get id(): GatewayId {
    return this.settings.id;
  }

  get fee(): GatewayFee {
    return this.settings.fee;
  }

  /** The currency and rate the gateway collects in, or null when it collects in the price currency. */
  get settlement(): GatewaySettlement | null {
    return this.settings.settlement ?? null;
  }

  unavailability(country: string, at: Date): GatewayUnavailability | null {
    const code = country.trim().toUpperCase();
    const s = this.settings;
    if (!s.enabled) return 'DISABLED';
    if (s.blockedCountries.includes(code)) return 'COUNTRY_BLOCKED';
    if (s.allowedCountries && !s.allowedCountries.includes(code)) return 'COUNTRY_NOT_ALLOWED';
    if (s.availability && !withinWindow(s.availability, at)) return 'OUTSIDE_HOURS';
    return null;
  }

  isAvailableTo(country: string, at: Date): boolean {
    return this.unavailability(country, at) === null;
  }

  /** percent × price + fixed, booked to the cent half-up. */
  feeFor(price: Money): Money {
    return price.percent(this.settings.fee.percent).plus(this.settings.fee.fixed).booked();
  }
}

export function availableGateways(gateways: readonly PaymentGateway[], country: string, at: Date): PaymentGateway[] {
  return gateways.filter((g) => g.isAvailableTo(country, at));
}

function withinWindow(window: AvailabilityWindow, at: Date): boolean {
  const local = formatInTimeZone(at, window.timeZone, 'HH:mm');
  if (window.opens === window.closes) return true;
  return window.opens < window.closes
    ? local >= window.opens && local < window.closes
    : local >= window.opens || local < window.closes;
}

/** A gateway with no fee, always on, everywhere: the embedded default. */
export function simulatedGateway(currency = 'USD'): PaymentGateway {
  return PaymentGateway.of({
    id: 'simulated',
    enabled: true,
    allowedCountries: null,
    blockedCountries: [],
    availability: null,
    fee: { percent: Percent.zero(), fixed: Money.zero(currency) },
  });
}
