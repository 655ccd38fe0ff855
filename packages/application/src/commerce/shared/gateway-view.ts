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
  };
}
