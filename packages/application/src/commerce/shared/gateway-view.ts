import type { GatewayKind, GatewaySettings } from '@tradesense/domain';

export interface GatewayView {
  readonly id: string;
  readonly displayName: string;
  readonly kind: GatewayKind;
  readonly enabled: boolean;
  readonly allowedCountries: readonly string[] | null;
  readonly blockedCountries: readonly string[];
  readonly availability: { readonly timeZone: string; readonly opens: string; readonly closes: string } | null;
  readonly fee: { readonly percent: string; readonly fixed: string; readonly currency: string };
  /** The currency the gateway collects in and units of it per unit of the price currency; null: it collects the price currency. */
  readonly settlement: { readonly currency: string; readonly rate: string } | null;
}

export function gatewayView(settings: GatewaySettings): GatewayView {
  return {
    id: settings.id,
    displayName: settings.displayName,
    kind: settings.kind,
    enabled: settings.enabled,
    allowedCountries: settings.allowedCountries ? [...settings.allowedCountries] : null,
    blockedCountries: [...settings.blockedCountries],
    availability: settings.availability ? { ...settings.availability } : null,
    fee: {
      percent: settings.fee.percent.toString(),
      fixed: settings.fee.fixed.toFixed(),
      currency: settings.fee.fixed.currency,
    },
    settlement: settings.settlement ? { currency: settings.settlement.currency, rate: settings.settlement.rate.toFixed() } : null,
  };
}
