import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTradingPlatformError } from '@tradesense/application';
import { SimulatedTradingServer } from './simulated-trading-server.js';

const SYMBOLS = ['EURUSD', 'USDJPY', 'XAUUSD', 'GER40', 'BTCUSD'] as const;

type Step =
  | { kind: 'order'; symbol: (typeof SYMBOLS)[number]; side: 'buy' | 'sell'; lots: number }
  | { kind: 'advance'; seconds: number }
  | { kind: 'rollover' }
  | { kind: 'withdraw'; amount: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('order' as const), symbol: fc.constantFrom(...SYMBOLS), side: fc.constantFrom('buy' as const, 'sell' as const), lots: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 1, max: 7_200 }) }),
  fc.record({ kind: fc.constant('rollover' as const) }),
  fc.record({ kind: fc.constant('withdraw' as const), amount: fc.integer({ min: 1, max: 20_000 }) }),
);

describe('simulated server books (property)', () => {
  it('balance is always the sum of its deals, and equity the balance plus open profit and swap', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.array(step, { maxLength: 25 }), async (seed, steps) => {
        const start = new Date('2024-06-10T12:00:00Z');
        const server = new SimulatedTradingServer({ seed, startAt: start, stepMs: 10_000 });
        await server.advanceTo(start);
        const { login } = await server.createAccount({ group: 'p', leverage: 100, initialBalance: new Decimal(20_000), swapFree: seed % 2 === 0, name: 'P' });
        let rollovers = 0;
        let operations = 0;
        for (const s of steps) {
          try {
            if (s.kind === 'order') await server.placeMarketOrder({ login, symbol: s.symbol, side: s.side, volume: new Decimal(s.lots).dividedBy(100) });
            if (s.kind === 'advance') await server.advanceTo(new Date(server.now().getTime() + s.seconds * 1_000));
            if (s.kind === 'rollover') await server.applyRollover(new Date(Date.UTC(2024, 5, 10 + rollovers++, 21)));
            if (s.kind === 'withdraw') await server.balanceOperation({ login, kind: 'withdrawal', amount: new Decimal(s.amount), clientOperationId: `w${operations++}` });
          } catch (error) {
            if (!isTradingPlatformError(error)) throw error;
          }
          const deals = await server.dealsAfter(login, null, 10_000);
          const booked = deals.reduce((total, deal) => total.plus(deal.profit).plus(deal.swap).plus(deal.commission), new Decimal(0));
          const account = await server.account(login);
          expect(account.balance.toFixed(2)).toBe(booked.toFixed(2));
          const open = (await server.positions(login)).reduce((total, position) => total.plus(position.profit).plus(position.swap), new Decimal(0));
          expect(account.equity.toFixed(2)).toBe(account.balance.plus(open).toFixed(2));
          if (account.marginLevel !== null) expect(account.marginLevel.gt(50)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});
