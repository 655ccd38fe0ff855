import { randomInt } from 'node:crypto';

const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SPECIAL = '#@!$%';

const pick = (alphabet: string): string => alphabet[randomInt(alphabet.length)] ?? alphabet[0]!;

/**
 * A platform password meeting MT5's complexity rule (lower, upper, digit and a
 * special character). Drawn from the OS generator, never from a simulation
 * seed, so passwords stay unguessable even in the embedded mode.
 */
export function generatePlatformPassword(length = 12): string {
  const all = LOWER + UPPER + DIGITS + SPECIAL;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SPECIAL)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
