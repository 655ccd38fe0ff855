import { describe, expect, it } from 'vitest';
import { challengeAnswer, webApiPasswordHash } from './auth-hash.js';

describe('MT5 Web API password hash', () => {
  it('reproduces the MetaQuotes worked example (Password1)', () => {
    const hash = webApiPasswordHash('Password1');
    expect(hash.toString('hex')).toBe('904ba8ecb16273d2f0ae9c3b8a023752');
    expect(challengeAnswer(hash, '73007dc7184747ce0f7c98516ef1c851')).toBe('77fe51827f7fa69dd80fbec9aa33f1bb');
  });

  it('hashes the UTF-16LE form, so non-ASCII passwords differ from their UTF-8 bytes', () => {
    expect(webApiPasswordHash('Pässword1').equals(webApiPasswordHash('Password1'))).toBe(false);
  });
});
