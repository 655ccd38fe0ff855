/**
 * Crockford base32 (no I, L, O, U): codes people read aloud or type stay
 * unambiguous and case-insensitive. Used to turn caller-supplied random bytes
 * into referral codes and certificate ids; the domain never draws randomness.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Encodes bytes most-significant bit first, 5 bits per character (the last one zero-padded). */
export function encodeCrockford(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Upper-cases and maps the look-alikes Crockford allows (I/L → 1, O → 0); null if any other character is foreign. */
export function normaliseCrockford(value: string): string | null {
  const upper = value.trim().toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  for (const ch of upper) if (!CROCKFORD_ALPHABET.includes(ch)) return null;
  return upper;
}
