import { createHmac } from 'node:crypto';
import type { DocumentNumberHasher } from '@tradesense/application';

/**
 * Keyed hash of identity document numbers (rule book section 8): hex
 * HMAC-SHA256 with a secret key over `COUNTRY:NUMBER`, the number normalised
 * (Unicode NFKC, upper case, blanks, dashes, dots and slashes removed) so the
 * same document typed two ways hashes the same. Without the key the hash
 * cannot be brute-forced from the small space of document numbers; the key
 * must stay fixed, or stored hashes stop matching.
 */
export class HmacDocumentNumberHasher implements DocumentNumberHasher {
  constructor(private readonly key: string) {
    if (key.length < 32) throw new RangeError('The document hash key must be at least 32 characters');
  }

  hash(documentNumber: string, issuingCountry: string): string {
    const number = documentNumber.normalize('NFKC').toUpperCase().replace(/[\s\-./]/g, '');
    const country = issuingCountry.trim().toUpperCase();
    if (number === '') throw new RangeError('A document number is required');
    if (!/^[A-Z]{2}$/.test(country)) throw new RangeError(`Not an ISO 3166-1 alpha-2 country: ${issuingCountry}`);
    return createHmac('sha256', this.key).update(`${country}:${number}`, 'utf8').digest('hex');
  }
}
