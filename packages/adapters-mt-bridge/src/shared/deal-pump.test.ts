import { Decimal } from 'decimal.js';
import { describe, expect, it, vi } from 'vitest';
import type { Deal } from '@tradesense/application';
import { DealPump } from './deal-pump.js';

const deal = (id: number): Deal => ({
  dealId: String(id),
  login: '1',
  time: new Date(0),
  kind: 'balance',
  entry: null,
  reason: 'dealer',
  symbol: null,
  positionId: null,
  volume: new Decimal(0),
  price: new Decimal(0),
  profit: new Decimal(id),
  swap: new Decimal(0),
  commission: new Decimal(0),
  comment: '',
});

describe('deal pump', () => {
  it('hands a failed deal to the listener again instead of skipping it', async () => {
    const book = [deal(1), deal(2), deal(3)];
    const fetchAfter = async (cursor: string | null) => book.filter((d) => cursor === null || Number(d.dealId) > Number(cursor));
    const delivered: string[] = [];
    let failOnce = true;
    const pump = new DealPump(
      fetchAfter,
      (d) => {
        if (d.dealId === '2' && failOnce) {
          failOnce = false;
          throw new Error('consumer busy');
        }
        delivered.push(d.dealId);
      },
      null,
      { pollIntervalMs: null, retryDelayMs: 10 },
    ).start();
    await vi.waitFor(() => expect(delivered).toEqual(['1', '2', '3']));
    expect(pump.cursor).toBe('3');
    pump.unsubscribe();
  });
});
