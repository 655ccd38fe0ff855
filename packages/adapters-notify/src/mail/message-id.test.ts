import { describe, expect, it } from 'vitest';
import { domainOfAddress, messageIdFor } from './message-id.js';

describe('messageIdFor', () => {
  it('is stable for one key, so a re-delivery is recognisable', () => {
    expect(messageIdFor('outbox:42', 'tradesense.example')).toBe(messageIdFor('outbox:42', 'tradesense.example'));
  });

  it('differs between keys and does not disclose the key', () => {
    const id = messageIdFor('outbox:42', 'tradesense.example');
    expect(id).not.toBe(messageIdFor('outbox:43', 'tradesense.example'));
    expect(id).toMatch(/^<[0-9a-f]{40}@tradesense\.example>$/);
    expect(id).not.toContain('outbox');
  });

  it('refuses an empty key', () => {
    expect(() => messageIdFor('', 'tradesense.example')).toThrow(RangeError);
  });
});

describe('domainOfAddress', () => {
  it('reads the domain of a bare or a named address', () => {
    expect(domainOfAddress('no-reply@tradesense.example')).toBe('tradesense.example');
    expect(domainOfAddress('TradeSense <no-reply@mail.tradesense.example>')).toBe('mail.tradesense.example');
  });

  it('refuses an address without a domain', () => {
    expect(() => domainOfAddress('TradeSense')).toThrow(RangeError);
  });
});
