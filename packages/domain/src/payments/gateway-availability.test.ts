import { describe, expect, it } from 'vitest';
import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';
import { DEFAULT_GATEWAY_SETTINGS } from './default-gateway-settings.js';
import { availableGatewaySettings, chooseGateway, gatewayFee, gatewayUnavailability } from './gateway-availability.js';
import type { GatewaySettings } from './gateway-settings.js';

const base: GatewaySettings = {
  id: 'tc_pay',
  displayName: 'TC Pay',
  kind: 'local',
  enabled: true,
  allowedCountries: null,
  blockedCountries: [],
  availability: null,
  fee: { percent: Percent.zero(), fixed: Money.zero('USD') },
};
const gateway = (overrides: Partial<GatewaySettings>): GatewaySettings => ({ ...base, ...overrides });
const ids = (settings: readonly GatewaySettings[]) => settings.map((s) => s.id);
const noon = new Date('2026-03-10T12:00:00Z');

describe('gateway availability by country', () => {
  it('offers an unrestricted gateway everywhere and a listed one only to its countries', () => {
    const settings = [gateway({ id: 'stripe' }), gateway({ id: 'upi', allowedCountries: ['IN'] })];
    expect(ids(availableGatewaySettings(settings, 'DE', noon))).toEqual(['stripe']);
    expect(ids(availableGatewaySettings(settings, 'in', noon))).toEqual(['stripe', 'upi']);
  });

  it('lets the block list win over the allow list', () => {
    const both = gateway({ allowedCountries: ['MA', 'FR'], blockedCountries: ['FR'] });
    expect(gatewayUnavailability(both, 'FR', noon)).toBe('COUNTRY_BLOCKED');
    expect(gatewayUnavailability(both, 'ES', noon)).toBe('COUNTRY_NOT_ALLOWED');
    expect(gatewayUnavailability(both, 'MA', noon)).toBeNull();
  });

  it('never offers a disabled gateway', () => {
    expect(gatewayUnavailability(gateway({ enabled: false }), 'MA', noon)).toBe('DISABLED');
  });
});

describe('gateway daily window in the gateway time zone', () => {
  // 22:00–06:00 in Kolkata (UTC+05:30, no DST): open across local midnight.
  const night = gateway({ availability: { timeZone: 'Asia/Kolkata', opens: '22:00', closes: '06:00' } });
  const at = (iso: string) => gatewayUnavailability(night, 'IN', new Date(iso));

  it('is open from the opening minute to just before the closing minute, across midnight', () => {
    expect(at('2026-03-10T16:29:59Z')).toBe('OUTSIDE_HOURS'); // 21:59:59 IST
    expect(at('2026-03-10T16:30:00Z')).toBeNull(); // 22:00 IST
    expect(at('2026-03-10T18:30:00Z')).toBeNull(); // 00:00 IST, next local day
    expect(at('2026-03-11T00:29:59Z')).toBeNull(); // 05:59:59 IST
    expect(at('2026-03-11T00:30:00Z')).toBe('OUTSIDE_HOURS'); // 06:00 IST
    expect(at('2026-03-11T06:30:00Z')).toBe('OUTSIDE_HOURS'); // 12:00 IST
  });

  it('reads the window on the local wall clock, so it follows daylight saving time', () => {
    const office = gateway({ availability: { timeZone: 'America/New_York', opens: '09:00', closes: '17:00' } });
    // 13:00Z is 08:00 EST on Friday 6 March and 09:00 EDT on Monday 9 March.
    expect(gatewayUnavailability(office, 'US', new Date('2026-03-06T13:00:00Z'))).toBe('OUTSIDE_HOURS');
    expect(gatewayUnavailability(office, 'US', new Date('2026-03-09T13:00:00Z'))).toBeNull();
  });

  it('is not fooled by the UTC date: the window is in the gateway zone, not the server zone', () => {
    const auckland = gateway({ availability: { timeZone: 'Pacific/Auckland', opens: '08:00', closes: '12:00' } });
    // 2026-03-10T20:00Z is 09:00 on 11 March in Auckland (NZDT, UTC+13).
    expect(gatewayUnavailability(auckland, 'NZ', new Date('2026-03-10T20:00:00Z'))).toBeNull();
    expect(gatewayUnavailability(auckland, 'NZ', new Date('2026-03-10T09:00:00Z'))).toBe('OUTSIDE_HOURS');
  });
});

describe('gateway fee', () => {
  it('is percent of the price plus the fixed fee, booked to the cent half-up', () => {
    const stripe = gateway({ fee: { percent: Percent.of('2.9'), fixed: Money.of('0.30') } });
    expect(gatewayFee(stripe, Money.of('99.99')).toFixed()).toBe('3.20'); // 2.89971 + 0.30
    expect(gatewayFee(stripe, Money.of('100')).toFixed()).toBe('3.20');
    const half = gateway({ fee: { percent: Percent.of('2.5'), fixed: Money.zero() } });
    expect(gatewayFee(half, Money.of('17')).toFixed()).toBe('0.43'); // 0.425 rounds up, not to even
    expect(gatewayFee(half, Money.of('17')).amount.decimalPlaces()).toBeLessThanOrEqual(2);
  });

  it('is zero for the simulated gateway', () => {
    const simulated = DEFAULT_GATEWAY_SETTINGS.find((s) => s.id === 'simulated');
    expect(simulated && gatewayFee(simulated, Money.of('549')).isZero()).toBe(true);
  });
});

describe('choosing a gateway', () => {
  it('refuses an unknown id and an unavailable gateway with typed codes', () => {
    const unknown = chooseGateway(DEFAULT_GATEWAY_SETTINGS, 'bitpay', 'DE', noon);
    expect(!unknown.ok && unknown.error.code).toBe('PAYMENT.GATEWAY_UNKNOWN');
    const upi = chooseGateway(DEFAULT_GATEWAY_SETTINGS, 'upi', 'DE', noon);
    expect(!upi.ok && upi.error.code).toBe('ORDER.GATEWAY_UNAVAILABLE');
    expect(!upi.ok && upi.error.details).toMatchObject({ gatewayId: 'upi', reason: 'COUNTRY_NOT_ALLOWED' });
  });

  it('returns the gateway the order takes', () => {
    const chosen = chooseGateway(DEFAULT_GATEWAY_SETTINGS, 'paypal', 'DE', noon);
    expect(chosen.ok && chosen.value.id).toBe('paypal');
  });
});

describe('seed gateway settings', () => {
  it('configures the six gateways of the rule book once each', () => {
    expect(ids(DEFAULT_GATEWAY_SETTINGS).sort()).toEqual(['crypto', 'paypal', 'simulated', 'stripe', 'tc_pay', 'upi']);
  });

  it('offers UPI in India during its hours only, and the card everywhere', () => {
    const indianMorning = new Date('2026-03-10T04:30:00Z'); // 10:00 IST
    const indianNight = new Date('2026-03-10T20:30:00Z'); // 02:00 IST
    expect(ids(availableGatewaySettings(DEFAULT_GATEWAY_SETTINGS, 'IN', indianMorning))).toContain('upi');
    expect(ids(availableGatewaySettings(DEFAULT_GATEWAY_SETTINGS, 'IN', indianNight))).not.toContain('upi');
    expect(ids(availableGatewaySettings(DEFAULT_GATEWAY_SETTINGS, 'BR', indianNight))).toEqual([
      'stripe',
      'paypal',
      'crypto',
      'simulated',
    ]);
  });
});
