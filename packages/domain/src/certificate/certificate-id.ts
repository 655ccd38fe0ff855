import { encodeCrockford, normaliseCrockford } from '../shared/crockford-base32.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { CertificateErrorCode } from './certificate-errors.js';

const PREFIX = 'TSC-';
/** 128 bits of the caller's entropy → 26 Crockford characters. */
const BYTES = 16;
const CHARS = 26;

/**
 * The public id printed on a certificate and encoded in its QR code. Built
 * from caller-supplied random bytes only, so it reveals nothing about the
 * trader, the kind or the date (unlike "CERT-{user}-{TYPE}-{date}") and
 * cannot be guessed.
 */
export class CertificateId {
  private constructor(readonly value: string) {}

  static fromEntropy(bytes: Uint8Array): Result<CertificateId> {
    if (bytes.length < BYTES) {
      return err(
        domainError(CertificateErrorCode.NOT_ENOUGH_ENTROPY, `A certificate id needs at least ${BYTES} random bytes`, {
          bytes: bytes.length,
        }),
      );
    }
    return ok(new CertificateId(PREFIX + encodeCrockford(bytes.subarray(0, BYTES))));
  }

  /** Reads an id from a verification URL or typed by hand, in any case. */
  static parse(input: string): Result<CertificateId> {
    const trimmed = input.trim();
    const body = trimmed.toUpperCase().startsWith(PREFIX) ? trimmed.slice(PREFIX.length) : trimmed;
    const normalised = normaliseCrockford(body);
    if (normalised === null || normalised.length !== CHARS) {
      return err(domainError(CertificateErrorCode.INVALID_ID, 'Not a certificate id', {}));
    }
    return ok(new CertificateId(PREFIX + normalised));
  }

  equals(other: CertificateId): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }
}
