import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { KycErrorCode } from './kyc-errors.js';

/**
 * A keyed hash (e.g. HMAC-SHA-256, hex) of an identity document number, made
 * by the caller with a secret key. The domain only ever holds this digest: the
 * shape check refuses anything that is not a 128- to 512-bit hex digest, so a
 * raw passport number cannot be stored by mistake.
 */
export class DocumentNumberHash {
  private constructor(readonly value: string) {}

  static of(hexDigest: string): Result<DocumentNumberHash> {
    const value = hexDigest.trim().toLowerCase();
    if (!/^[0-9a-f]{32,128}$/.test(value) || value.length % 2 !== 0) {
      return err(
        domainError(KycErrorCode.INVALID_DOCUMENT_HASH, 'A document number must be given as a keyed hex digest', {
          length: value.length,
        }),
      );
    }
    return ok(new DocumentNumberHash(value));
  }

  equals(other: DocumentNumberHash): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }
}
