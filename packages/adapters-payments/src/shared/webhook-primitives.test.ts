import { describe, expect, it } from 'vitest';
import { constantTimeEqual, hmacHex } from './constant-time.js';
import { headerValue } from './headers.js';

describe('webhook primitives', () => {
  it('compares signatures exactly, refusing different lengths without throwing', () => {
    const signature = hmacHex('sha256', 'secret', 'body');
    expect(constantTimeEqual(signature, signature)).toBe(true);
    const lastFlipped = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
    expect(constantTimeEqual(signature, lastFlipped)).toBe(false);
    expect(constantTimeEqual(signature, signature.slice(0, 10))).toBe(false);
    expect(constantTimeEqual(signature, '')).toBe(false);
  });

  it('hashes the parts as one byte string', () => {
    expect(hmacHex('sha256', 'k', '123.', Buffer.from('{"a":1}'))).toBe(hmacHex('sha256', 'k', '123.{"a":1}'));
  });

  it('reads a header whatever its case, and refuses one sent twice', () => {
    expect(headerValue({ 'Stripe-Signature': 't=1,v1=a' }, 'stripe-signature')).toBe('t=1,v1=a');
    expect(headerValue({ 'x-razorpay-signature': ['abc'] }, 'X-Razorpay-Signature')).toBe('abc');
    expect(headerValue({ 'x-cc-webhook-signature': ['good', 'evil'] }, 'x-cc-webhook-signature')).toBeNull();
    expect(headerValue({}, 'x-tcpay-signature')).toBeNull();
  });
});
