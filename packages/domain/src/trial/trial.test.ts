import { describe, expect, it } from 'vitest';
import { Money } from '../money/money.js';
import { unwrap } from '../shared/result.js';
import { Trial } from './trial.js';

const START = new Date('2026-03-01T12:00:00Z');
const H = 3_600_000;
const D = 24 * H;
const plus = (ms: number) => new Date(START.getTime() + ms);

function start(): Trial {
  const trial = unwrap(
    Trial.start({
      id: 'tr-1',
      traderId: 't-1',
      plan: { modelId: 'stellar_2step', modelVersion: 1, accountSize: Money.of(10_000), swapFree: false, price: Money.of(99) },
      paymentMethodId: 'pm_123',
      at: START,
    }),
  );
  trial.pullEvents();
  return trial;
}

describe('Trial (section 9)', () => {
  it('lasts 7 days, with the reminder due 24 h before the charge', () => {
    const trial = start();
    expect(trial.endsAt).toEqual(plus(7 * D));
    expect(trial.reminderDueAt).toEqual(plus(6 * D));
    expect(trial.isReminderDue(plus(6 * D - 1))).toBe(false);
    expect(trial.isReminderDue(plus(6 * D))).toBe(true);
    unwrap(trial.markReminderSent({ at: plus(6 * D) }));
    const again = trial.markReminderSent({ at: plus(6 * D + H) });
    expect(!again.ok && again.error.code).toBe('TRIAL.REMINDER_ALREADY_SENT');
  });

  it('charges off-session at the end and converts', () => {
    const trial = start();
    const early = trial.recordChargeSucceeded({ providerPaymentId: 'pi_1', at: plus(7 * D - 1) });
    expect(!early.ok && early.error.code).toBe('TRIAL.CHARGE_NOT_DUE');
    expect(trial.nextChargeAt()).toEqual(plus(7 * D));
    expect(unwrap(trial.recordChargeSucceeded({ providerPaymentId: 'pi_1', at: plus(7 * D) }))).toEqual({ changed: true });
    expect(unwrap(trial.recordChargeSucceeded({ providerPaymentId: 'pi_1', at: plus(7 * D + H) }))).toEqual({ changed: false });
    expect(trial.status).toBe('converted');
    expect(trial.pullEvents()).toMatchObject([{ type: 'TrialConverted', payload: { price: '99.00', attempt: 1 } }]);
  });

  it('retries a failed charge after 1 and 3 days, then expires', () => {
    const trial = start();
    unwrap(trial.recordChargeFailed({ reason: 'card_declined', at: plus(7 * D) }));
    expect(trial.nextChargeAt()).toEqual(plus(8 * D));
    const tooEarly = trial.recordChargeFailed({ reason: 'x', at: plus(8 * D - 1) });
    expect(!tooEarly.ok && tooEarly.error.code).toBe('TRIAL.CHARGE_NOT_DUE');
    unwrap(trial.recordChargeFailed({ reason: 'card_declined', at: plus(8 * D) }));
    expect(trial.nextChargeAt()).toEqual(plus(10 * D));
    unwrap(trial.recordChargeFailed({ reason: 'insufficient_funds', at: plus(10 * D) }));
    expect(trial.status).toBe('expired');
    expect(trial.nextChargeAt()).toBeNull();
    expect(trial.pullEvents().map((e) => e.type)).toEqual([
      'TrialChargeFailed',
      'TrialChargeFailed',
      'TrialChargeFailed',
      'TrialExpired',
    ]);
  });

  it('a retry can still convert', () => {
    const trial = start();
    unwrap(trial.recordChargeFailed({ reason: 'card_declined', at: plus(7 * D) }));
    unwrap(trial.recordChargeSucceeded({ providerPaymentId: 'pi_2', at: plus(8 * D + H) }));
    expect(trial.status).toBe('converted');
    expect(trial.attempts.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
  });

  it('can be cancelled before the end only, and then nothing is charged', () => {
    const late = start();
    const result = late.cancel({ actor: 't-1', at: plus(7 * D) });
    expect(!result.ok && result.error.code).toBe('TRIAL.ALREADY_ENDED');
    const trial = start();
    unwrap(trial.cancel({ actor: 't-1', at: plus(7 * D - 1) }));
    expect(trial.nextChargeAt()).toBeNull();
    const charge = trial.recordChargeSucceeded({ providerPaymentId: 'pi_1', at: plus(7 * D) });
    expect(!charge.ok && charge.error.code).toBe('TRIAL.NOT_ACTIVE');
    expect(Trial.restore(trial.toState()).status).toBe('cancelled');
  });
});
