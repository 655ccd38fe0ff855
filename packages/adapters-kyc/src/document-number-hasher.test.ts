import { createHmac } from 'node:crypto';
import { DocumentNumberHash } from '@tradesense/domain';
import { describe, expect, it } from 'vitest';
import { HmacDocumentNumberHasher } from './document-number-hasher.js';

const KEY = 'document-hash-key-of-at-least-32-chars';
const hasher = new HmacDocumentNumberHasher(KEY);

describe('HmacDocumentNumberHasher', () => {
  it('is HMAC-SHA256 of COUNTRY:NUMBER under the key, never the number itself', () => {
    const digest = hasher.hash('X1234567', 'fr');
    expect(digest).toBe(createHmac('sha256', KEY).update('FR:X1234567').digest('hex'));
    expect(digest).not.toContain('1234567');
    expect(DocumentNumberHash.of(digest).ok).toBe(true);
  });

  it('hashes one document the same however it is typed, and differently per key and country', () => {
    expect(hasher.hash(' x12-345.67 ', 'FR')).toBe(hasher.hash('X1234567', 'FR'));
    expect(hasher.hash('X1234567', 'BE')).not.toBe(hasher.hash('X1234567', 'FR'));
    expect(new HmacDocumentNumberHasher(`${KEY}-rotated`).hash('X1234567', 'FR')).not.toBe(hasher.hash('X1234567', 'FR'));
  });

  it('refuses a short key, an empty number and a bad country', () => {
    expect(() => new HmacDocumentNumberHasher('short')).toThrow(RangeError);
    expect(() => hasher.hash(' - ', 'FR')).toThrow(RangeError);
    expect(() => hasher.hash('X1', 'FRA')).toThrow(RangeError);
  });
});
