import { Decimal, Money, Percent, type GatewayKind, type GatewaySettings } from '@tradesense/domain';

export interface PaymentGatewayRow {
  id: string;
  display_name: string;
  kind: GatewayKind;
  enabled: boolean;
  allowed_countries: string[] | null;
  blocked_countries: string[];
  availability_time_zone: string | null;
  availability_opens: string | null;
  availability_closes: string | null;
  fee_percent: string;
  fee_fixed: string;
  fee_currency: string;
  settlement_currency: string | null;
  settlement_rate: string | null;
  position: number;
  updated_at: Date;
  version: number;
}

export const paymentGatewaySettingsMapper = {
  toRow: (s: GatewaySettings) => ({
    display_name: s.displayName,
    kind: s.kind,
    enabled: s.enabled,
    allowed_countries: s.allowedCountries === null ? null : JSON.stringify(s.allowedCountries),
    blocked_countries: JSON.stringify(s.blockedCountries),
    availability_time_zone: s.availability?.timeZone ?? null,
    availability_opens: s.availability?.opens ?? null,
    availability_closes: s.availability?.closes ?? null,
    fee_percent: s.fee.percent.points.toFixed(),
    fee_fixed: s.fee.fixed.toFixed(),
    fee_currency: s.fee.fixed.currency,
    settlement_currency: s.settlement?.currency ?? null,
    settlement_rate: s.settlement?.rate.toFixed() ?? null,
  }),
  toSettings: (r: PaymentGatewayRow): GatewaySettings => ({
    id: r.id,
    displayName: r.display_name,
    kind: r.kind,
    enabled: r.enabled,
    allowedCountries: r.allowed_countries,
    blockedCountries: r.blocked_countries,
    availability:
      r.availability_time_zone && r.availability_opens && r.availability_closes
        ? { timeZone: r.availability_time_zone, opens: r.availability_opens, closes: r.availability_closes }
        : null,
    fee: { percent: Percent.of(r.fee_percent), fixed: Money.of(r.fee_fixed, r.fee_currency) },
    settlement:
      r.settlement_currency !== null && r.settlement_rate !== null
        ? { currency: r.settlement_currency, rate: new Decimal(r.settlement_rate) }
        : null,
  }),
};
