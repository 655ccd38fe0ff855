import { describe, expect, it } from 'vitest';
import { compareTickets, isAfterTicket } from './deal-ticket.js';

describe('isAfterTicket', () => {
  it('compares 64-bit tickets as integers, not as text or JS numbers', () => {
    expect(isAfterTicket('10', '9')).toBe(true);
    expect(isAfterTicket('9', '10')).toBe(false);
    expect(isAfterTicket('18446744073709551615', '18446744073709551614')).toBe(true);
    expect(isAfterTicket('9007199254740993', '9007199254740992')).toBe(true);
    expect(isAfterTicket('5', '5')).toBe(false);
  });

  it('takes every ticket when nothing was read yet', () => {
    expect(isAfterTicket('1', null)).toBe(true);
  });
});

describe('compareTickets', () => {
  it('orders numeric tickets as integers, leading zeros included', () => {
    expect(compareTickets('0010', '9')).toBe(1);
    expect(compareTickets('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareTickets('7', '7')).toBe(0);
    expect(compareTickets('99', '100')).toBe(-1);
  });
});
