import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { formatInstant, formatLocalDate, formatMoney, formatPercent, formatPrice } from './format.js';

describe('formatMoney', () => {
  it('groups thousands and keeps two decimals with the currency', () => {
    expect(formatMoney(new Decimal('95000'), 'USD')).toBe('95,000.00 USD');
    expect(formatMoney(new Decimal('1234567.891'), 'EUR')).toBe('1,234,567.89 EUR');
    expect(formatMoney(new Decimal('999.5'), 'USD')).toBe('999.50 USD');
    expect(formatMoney(new Decimal('0'), 'USD')).toBe('0.00 USD');
  });

  it('rounds half-up on the cent like the ledger', () => {
    expect(formatMoney(new Decimal('0.005'), 'USD')).toBe('0.01 USD');
    expect(formatMoney(new Decimal('95000.004'), 'USD')).toBe('95,000.00 USD');
  });

  it('keeps the sign of negative amounts in front of the grouped digits', () => {
    expect(formatMoney(new Decimal('-1500'), 'USD')).toBe('-1,500.00 USD');
  });

  it('does not lose precision a float would lose', () => {
    expect(formatMoney(new Decimal('9007199254740993.10'), 'USD')).toBe('9,007,199,254,740,993.10 USD');
  });
});

describe('other formats', () => {
  it('prints percent points with two decimals', () => {
    expect(formatPercent(new Decimal('80'))).toBe('80.00%');
    expect(formatPercent(new Decimal('81.235'))).toBe('81.24%');
  });

  it('prints prices with every quoted digit', () => {
    expect(formatPrice(new Decimal('1.08523'))).toBe('1.08523');
  });

  it('prints instants in labelled UTC to the second', () => {
    expect(formatInstant(new Date('2025-03-04T21:59:58.750Z'))).toBe('2025-03-04 21:59:58 UTC');
  });

  it('prints calendar dates with the month name', () => {
    expect(formatLocalDate('2025-03-04')).toBe('4 March 2025');
    expect(formatLocalDate('2024-12-31')).toBe('31 December 2024');
  });
});
