import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { parseCountryCode, type CountryCode } from './country-code.js';
import { KycErrorCode } from './kyc-errors.js';

export type ProhibitionReason = 'sanctions' | 'regulatory';

/** What a prohibited country blocks: buying, competition registration and funding alike. */
export type RestrictedActivity = 'purchase' | 'competition_registration' | 'funding';

export interface ProhibitedCountry {
  readonly code: CountryCode;
  readonly name: string;
  readonly reason: ProhibitionReason;
}

/** Seed list of the rule book (section 8); an admin may edit the data. */
export const DEFAULT_PROHIBITED_COUNTRIES: readonly ProhibitedCountry[] = [
  { code: 'KP', name: 'North Korea', reason: 'sanctions' },
  { code: 'IR', name: 'Iran', reason: 'sanctions' },
  { code: 'CU', name: 'Cuba', reason: 'sanctions' },
  { code: 'SY', name: 'Syria', reason: 'sanctions' },
  { code: 'MM', name: 'Myanmar', reason: 'sanctions' },
  { code: 'US', name: 'United States', reason: 'regulatory' },
];

/**
 * The prohibited-countries policy. A user whose country is listed cannot buy,
 * register for a competition or be funded; the refusal names the reason so
 * support can explain it.
 */
export class ProhibitedCountries {
  private readonly byCode: ReadonlyMap<string, ProhibitedCountry>;

  private constructor(entries: readonly ProhibitedCountry[]) {
    this.byCode = new Map(entries.map((entry) => [entry.code, entry]));
  }

  static of(entries: readonly ProhibitedCountry[]): ProhibitedCountries {
    const normalised = entries.map((entry) => {
      const code = parseCountryCode(entry.code);
      if (!code.ok) throw new RangeError(code.error.message);
      return { ...entry, code: code.value };
    });
    return new ProhibitedCountries(normalised);
  }

  static default(): ProhibitedCountries {
    return ProhibitedCountries.of(DEFAULT_PROHIBITED_COUNTRIES);
  }

  entries(): ProhibitedCountry[] {
    return [...this.byCode.values()];
  }

  find(country: string): ProhibitedCountry | undefined {
    const code = parseCountryCode(country);
    return code.ok ? this.byCode.get(code.value) : undefined;
  }

  isProhibited(country: string): boolean {
    return this.find(country) !== undefined;
  }

  /** ok when the country may do the activity; `KYC.PROHIBITED_COUNTRY` (or `KYC.INVALID_COUNTRY`) otherwise. */
  check(country: string, activity: RestrictedActivity): Result<CountryCode> {
    const code = parseCountryCode(country);
    if (!code.ok) return code;
    const prohibited = this.byCode.get(code.value);
    if (prohibited) {
      return err(
        domainError(KycErrorCode.PROHIBITED_COUNTRY, `${prohibited.name} is a prohibited country (${prohibited.reason})`, {
          country: prohibited.code,
          reason: prohibited.reason,
          activity,
        }),
      );
    }
    return ok(code.value);
  }
}
