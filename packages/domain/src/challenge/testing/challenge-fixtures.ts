import { DEFAULT_CALENDAR_SETTINGS, type TradingCalendarSettings } from '../../calendar/trading-calendar.js';
import { CatalogErrorCode } from '../../catalog/catalog-errors.js';
import { ChallengeModel, type ChallengeModelState, type ModelRevision } from '../../catalog/challenge-model.js';
import { RuleSnapshot } from '../../catalog/rule-snapshot.js';
import { STELLAR_2STEP } from '../../catalog/stellar-models.js';
import { Decimal } from '../../money/decimal.js';
import { unwrap } from '../../shared/result.js';
import type { EquityObservation } from '../../drawdown/equity-observation.js';

/** Test data builders for sections 1–4 (excluded from the build). */

/** A rule snapshot of a seeded model, optionally with edited parameters. */
export function snapshotOf(
  options: {
    model?: ChallengeModelState;
    balance?: string;
    parameters?: ModelRevision['parameters'];
    calendar?: TradingCalendarSettings;
  } = {},
): RuleSnapshot {
  const model = ChallengeModel.restore(options.model ?? STELLAR_2STEP);
  if (options.parameters) {
    const revised = model.revise({ parameters: options.parameters }, 'test', new Date(0));
    // Asking for the defaults is fine: the model already has them.
    if (!revised.ok && revised.error.code !== CatalogErrorCode.NOTHING_TO_CHANGE) throw revised.error;
  }
  return unwrap(RuleSnapshot.freeze(model, options.balance ?? '100000', options.calendar ?? DEFAULT_CALENDAR_SETTINGS));
}

export const d = (value: string | number): Decimal => new Decimal(value);

export const at = (iso: string): Date => new Date(iso);

export function observation(balance: string | number, equity: string | number, when: Date): EquityObservation {
  return { balance: d(balance), equity: d(equity), at: when, tick: null };
}
