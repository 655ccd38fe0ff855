import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProhibitedCountries } from '../kyc/prohibited-countries.js';
import { Money } from '../money/money.js';
import { unwrap } from '../shared/result.js';
import { Order } from './order.js';
import { simulatedGateway } from './payment-gateway.js';

type Message =
  | { kind: 'confirm'; paymentId: 'pi_1' | 'pi_2'; rightAmount: boolean }
  | { kind: 'fulfil' }
  | { kind: 'refund'; chargeback: boolean }
  | { kind: 'cancel' };

const message: fc.Arbitrary<Message> = fc.oneof(
  fc.record({ kind: fc.constant('confirm' as const), paymentId: fc.constantFrom('pi_1' as const, 'pi_2' as const), rightAmount: fc.boolean() }),
  fc.record({ kind: fc.constant('fulfil' as const) }),
  fc.record({ kind: fc.constant('refund' as const), chargeback: fc.boolean() }),
  fc.record({ kind: fc.constant('cancel' as const) }),
);

describe('Order properties', () => {
  it('is fulfilled at most once whatever confirmations, retries and refunds arrive', () => {
    let fulfilledRuns = 0;
    fc.assert(
      fc.property(fc.array(message, { maxLength: 25 }), (messages) => {
        const at = new Date('2026-02-01T10:00:00Z');
        const placed = unwrap(
          Order.place(
            {
              id: 'o',
              buyerId: 'b',
              buyerCountry: 'DE',
              item: { modelId: 'stellar_1step', modelVersion: 1, accountSize: Money.of(10_000), swapFree: false, reset: null },
              listPrice: Money.of(109),
              gateway: simulatedGateway(),
              at,
            },
            ProhibitedCountries.default(),
          ),
        );
        let stored = placed.toState();
        let fulfilments = 0;
        let everFulfilled = false;
        messages.forEach((m, i) => {
          const when = new Date(at.getTime() + i * 60_000);
          // Persist and reload between messages, as a repository would.
          const current = Order.restore(stored);
          const statusBefore = current.status;
          let result: { ok: boolean };
          switch (m.kind) {
            case 'confirm':
              result = current.confirmPayment({
                providerPaymentId: m.paymentId,
                amount: m.rightAmount ? Money.of('109.00') : Money.of('108.99'),
                at: when,
              });
              break;
            case 'fulfil':
              result = current.fulfil({ challengeId: `ch-${i}`, at: when });
              expect(result.ok).toBe(statusBefore === 'paid');
              break;
            case 'refund':
              result = current.refund({ kind: m.chargeback ? 'chargeback' : 'refund', providerRefundId: `r-${i}`, at: when });
              break;
            case 'cancel':
              result = current.cancel({ reason: 'expired', at: when });
              break;
          }
          expect(typeof result.ok).toBe('boolean');
          fulfilments += current.pullEvents().filter((e) => e.type === 'OrderFulfilled').length;
          everFulfilled ||= current.status === 'fulfilled';
          if (everFulfilled) expect(['fulfilled', 'refunded']).toContain(current.status);
          stored = current.toState();
        });
        expect(fulfilments).toBeLessThanOrEqual(1);
        if (fulfilments === 1) fulfilledRuns++;
      }),
      { numRuns: 500 },
    );
    expect(fulfilledRuns).toBeGreaterThan(20);
  });
});
