import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { KycErrorCode } from './kyc-errors.js';

/** An ISO 3166-1 alpha-2 code in upper case, e.g. "DE". */
export type CountryCode = string & { readonly __brand?: 'CountryCode' };

/** Accepts any case and surrounding blanks; refuses anything that is not two letters. */
export function parseCountryCode(value: string): Result<CountryCode> {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) {
    return err(domainError(KycErrorCode.INVALID_COUNTRY, `Not an ISO 3166-1 alpha-2 country code: ${value}`, { value }));
  }
  return ok(code);
}
