import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
describe('sanity', () => { it('decimal', () => { expect(new Decimal('0.1').plus('0.2').toFixed(2)).toBe('0.30'); }); });
