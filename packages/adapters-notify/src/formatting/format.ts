import { Decimal } from 'decimal.js';
import type { LocalDate } from '@tradesense/domain';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "95,000.00 USD": cent-rounded half-up like the ledger, never through a float. */
export function formatMoney(amount: Decimal, currency: string): string {
  const fixed = amount.toFixed(2, Decimal.ROUND_HALF_UP);
  const negative = fixed.startsWith('-');
  const [whole = '0', cents = '00'] = (negative ? fixed.slice(1) : fixed).split('.');
  return `${negative ? '-' : ''}${groupThousands(whole)}.${cents} ${currency}`;
}

/** Percentage points with two decimals: "80.00%". */
export function formatPercent(points: Decimal): string {
  return `${points.toFixed(2, Decimal.ROUND_HALF_UP)}%`;
}

/** Prices keep every digit the feed quoted: a bid of 1.08523 is not money to round. */
export function formatPrice(price: Decimal): string {
  return price.toString();
}

/** An instant in UTC to the second, labelled, so no reader has to guess a zone. */
export function formatInstant(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "4 March 2025" from a firm calendar date label. */
export function formatLocalDate(day: LocalDate): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return `${date} ${MONTHS[month - 1] ?? '?'} ${year}`;
}
