import { encodeCrockford, normaliseCrockford } from '../shared/crockford-base32.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { AffiliateErrorCode } from './affiliate-errors.js';

/** 8 characters of Crockford base32 = 40 bits of the caller's entropy. */
const LENGTH = 8;
const MIN_BYTES = 5;

/**
 * A referral code: made from caller-supplied random bytes (never from the
 * user id, so it cannot be guessed), case-insensitive, without look-alike
 * letters. Uniqueness is the repository's job (retry with new bytes).
 */
export class ReferralCode {
  private constructor(readonly value: string) {}

  static fromEntropy(bytes: Uint8Array): Result<ReferralCode> {
    if (bytes.length < MIN_BYTES) {
      return err(
        domainError(AffiliateErrorCode.NOT_ENOUGH_ENTROPY, `A referral code needs at least ${MIN_BYTES} random bytes`, {
          bytes: bytes.length,
        }),
      );
    }
    return ok(new ReferralCode(encodeCrockford(bytes.subarray(0, MIN_BYTES)).slice(0, LENGTH)));
  }

  /** Reads a code typed or carried in a link, in any case. */
  static parse(input: string): Result<ReferralCode> {
    const normalised = normaliseCrockford(input);
    if (normalised === null || normalised.length !== LENGTH) {
      return err(domainError(AffiliateErrorCode.INVALID_CODE, 'Not a referral code', { input }));
    }
    return ok(new ReferralCode(normalised));
  }

  equals(other: ReferralCode): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }
}
