import { err, ok, type Result } from '../shared/result.js';
import { toCents, type Decimal } from '../money/decimal.js';
import type { Percent } from '../money/percent.js';
import { CatalogErrorCode } from './catalog-errors.js';
import {
  FieldProblem,
  fieldError,
  readAmount,
  readBoolean,
  readInteger,
  readObject,
  readOneOf,
  readPercent,
  readText,
} from './field-reader.js';
import {
  DAILY_LOSS_BASES,
  DAILY_LOSS_REFERENCES,
  MAX_LOSS_MODES,
  type RuleOptions,
  type RuleOptionsData,
} from './rule-options.js';
import {
  ACTIONABLE_RESTRICTIONS,
  MAX_WEEKEND_CUT_OFF_MINUTES,
  RESTRICTION_ACTIONS,
  type ActionableRestriction,
  type RestrictionAction,
  type RestrictionActions,
  type TradingRestrictions,
  type TradingRestrictionsData,
} from './trading-restrictions.js';
import type { LossLimitName } from '../drawdown/loss-limit.js';

/** One evaluation phase: the profit target and the minimum trading days. */
export interface PhaseRule {
  readonly profitTargetPercent: Percent;
  readonly minTradingDays: number;
}

export interface PhaseRuleData {
  readonly profitTargetPercent: string;
  readonly minTradingDays: number;
}

/**
 * Every rule-bearing parameter of a challenge model (rule book section 2):
 * what a challenge copies into its rule snapshot at purchase.
 */
export interface ModelParameters {
  /** ISO 4217 account currency. */
  readonly currency: string;
  readonly phases: readonly PhaseRule[];
  readonly dailyLossPercent: Percent;
  readonly maxLossPercent: Percent;
  /** The N of a 1:N leverage. */
  readonly leverage: number;
  readonly firstPayoutDays: number;
  readonly payoutCycleDays: number;
  readonly profitSplitPercent: Percent;
  readonly resetDiscountPercent: Percent;
  readonly rules: RuleOptions;
  readonly restrictions: TradingRestrictions;
}

/** Plain-data form: percentages as point strings ("8"), amounts as cent strings. */
export interface ModelParametersData {
  readonly currency: string;
  readonly phases: readonly PhaseRuleData[];
  readonly dailyLossPercent: string;
  readonly maxLossPercent: string;
  readonly leverage: number;
  readonly firstPayoutDays: number;
  readonly payoutCycleDays: number;
  readonly profitSplitPercent: string;
  readonly resetDiscountPercent: string;
  readonly rules: RuleOptionsData;
  readonly restrictions: TradingRestrictionsData;
}

/** How to read the parameters of a rule snapshot whose loss limits are not all on. */
export interface ParameterReading {
  /**
   * Loss limits that are off: their percentage is "0" (the only spelling, so
   * equal snapshots hash equally). A model never has a limit off.
   */
  readonly lossLimitsOff?: readonly LossLimitName[];
}

/** Validates plain data into typed parameters; a bad field is `CATALOG.INVALID_MODEL`. */
export function parseModelParameters(data: unknown, reading: ParameterReading = {}): Result<ModelParameters> {
  try {
    return ok(readParameters(data, reading.lossLimitsOff ?? []));
  } catch (problem) {
    return err(fieldError(CatalogErrorCode.INVALID_MODEL, problem));
  }
}

/** The canonical plain-data spelling (so equal parameters serialise and hash equally). */
export function modelParametersToData(parameters: ModelParameters): ModelParametersData {
  const { rules, restrictions } = parameters;
  return {
    currency: parameters.currency,
    phases: parameters.phases.map((phase) => ({
      profitTargetPercent: points(phase.profitTargetPercent),
      minTradingDays: phase.minTradingDays,
    })),
    dailyLossPercent: points(parameters.dailyLossPercent),
    maxLossPercent: points(parameters.maxLossPercent),
    leverage: parameters.leverage,
    firstPayoutDays: parameters.firstPayoutDays,
    payoutCycleDays: parameters.payoutCycleDays,
    profitSplitPercent: points(parameters.profitSplitPercent),
    resetDiscountPercent: points(parameters.resetDiscountPercent),
    rules: {
      dailyLossBasis: rules.dailyLossBasis,
      dailyLossReference: rules.dailyLossReference,
      maxLossMode: rules.maxLossMode,
      earlyWarningPercent: points(rules.earlyWarningPercent),
      inactivityDays: rules.inactivityDays,
      tolerance: toCents(rules.tolerance),
    },
    restrictions: {
      maxOpenLotsPerAssetClass: restrictions.maxOpenLotsPerAssetClass ? lotsToData(restrictions.maxOpenLotsPerAssetClass) : null,
      ...(restrictions.maxTradeLotsPerAssetClass
        ? { maxTradeLotsPerAssetClass: lotsToData(restrictions.maxTradeLotsPerAssetClass) }
        : {}),
      maxTradesPerDay: restrictions.maxTradesPerDay,
      weekendHoldingBan: restrictions.weekendHoldingBan,
      ...(restrictions.weekendCutOffMinutes ? { weekendCutOffMinutes: restrictions.weekendCutOffMinutes } : {}),
      newsWindowMinutes: restrictions.newsWindowMinutes,
      consistencyPercent: restrictions.consistencyPercent ? points(restrictions.consistencyPercent) : null,
      ...(restrictions.actions && Object.keys(restrictions.actions).length > 0 ? { actions: actionsToData(restrictions.actions) } : {}),
    },
  };
}

const points = (percent: Percent): string => percent.points.toFixed();

const lotsToData = (lots: Readonly<Record<string, Decimal>>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(lots)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([assetClass, value]) => [assetClass, value.toFixed()]),
  );

const actionsToData = (actions: RestrictionActions): RestrictionActions =>
  Object.fromEntries(Object.entries(actions).sort(([a], [b]) => (a < b ? -1 : 1)));

function readParameters(input: unknown, lossLimitsOff: readonly LossLimitName[]): ModelParameters {
  const data = readObject('parameters', input);
  const phasesInput = data['phases'];
  if (!Array.isArray(phasesInput) || phasesInput.length === 0) {
    throw new FieldProblem('phases', 'a model has at least one phase');
  }
  const phases = phasesInput.map((phaseInput, index) => {
    const phase = readObject(`phases[${index}]`, phaseInput);
    return {
      profitTargetPercent: readPercent(`phases[${index}].profitTargetPercent`, phase['profitTargetPercent']),
      minTradingDays: readInteger(`phases[${index}].minTradingDays`, phase['minTradingDays'], 0),
    };
  });
  const lossPercent = (field: 'dailyLossPercent' | 'maxLossPercent', limit: LossLimitName): Percent => {
    if (!lossLimitsOff.includes(limit)) return readPercent(field, data[field], { below100: true });
    const percent = readPercent(field, data[field], { allowZero: true, below100: true });
    if (!percent.points.isZero()) throw new FieldProblem(field, 'a loss limit that is off has 0');
    return percent;
  };
  const dailyLossPercent = lossPercent('dailyLossPercent', 'daily_loss');
  const maxLossPercent = lossPercent('maxLossPercent', 'max_loss');
  return {
    currency: readText('currency', data['currency'], /^[A-Z]{3}$/),
    phases,
    dailyLossPercent,
    maxLossPercent,
    leverage: readInteger('leverage', data['leverage'], 1),
    firstPayoutDays: readInteger('firstPayoutDays', data['firstPayoutDays'], 1),
    payoutCycleDays: readInteger('payoutCycleDays', data['payoutCycleDays'], 1),
    profitSplitPercent: readPercent('profitSplitPercent', data['profitSplitPercent']),
    resetDiscountPercent: readPercent('resetDiscountPercent', data['resetDiscountPercent'], {
      allowZero: true,
      below100: true,
    }),
    rules: readRuleOptions(data['rules']),
    restrictions: readRestrictions(data['restrictions']),
  };
}

function readRuleOptions(input: unknown): RuleOptions {
  const rules = readObject('rules', input);
  return {
    dailyLossBasis: readOneOf('rules.dailyLossBasis', rules['dailyLossBasis'], DAILY_LOSS_BASES),
    dailyLossReference: readOneOf('rules.dailyLossReference', rules['dailyLossReference'], DAILY_LOSS_REFERENCES),
    maxLossMode: readOneOf('rules.maxLossMode', rules['maxLossMode'], MAX_LOSS_MODES),
    earlyWarningPercent: readPercent('rules.earlyWarningPercent', rules['earlyWarningPercent']),
    inactivityDays: readInteger('rules.inactivityDays', rules['inactivityDays'], 1),
    tolerance: readAmount('rules.tolerance', rules['tolerance']),
  };
}

function readRestrictions(input: unknown): TradingRestrictions {
  const data = readObject('restrictions', input);
  const readLots = (field: string): Record<string, Decimal> | null => {
    const lotsInput = data[field];
    if (lotsInput == null) return null;
    const lots = readObject(`restrictions.${field}`, lotsInput);
    return Object.fromEntries(
      Object.entries(lots).map(([assetClass, value]) => [
        readText(`restrictions.${field} key`, assetClass, /^[a-z_]+$/),
        readAmount(`restrictions.${field}.${assetClass}`, value, true),
      ]),
    );
  };
  const maxOpenLotsPerAssetClass = readLots('maxOpenLotsPerAssetClass');
  const maxTradeLotsPerAssetClass = readLots('maxTradeLotsPerAssetClass');
  const optionalInteger = (field: string, min: number): number | null =>
    data[field] == null ? null : readInteger(`restrictions.${field}`, data[field], min);
  const weekendCutOffMinutes =
    data['weekendCutOffMinutes'] == null ? 0 : readInteger('restrictions.weekendCutOffMinutes', data['weekendCutOffMinutes'], 0);
  if (weekendCutOffMinutes > MAX_WEEKEND_CUT_OFF_MINUTES) {
    throw new FieldProblem('restrictions.weekendCutOffMinutes', `must be at most ${MAX_WEEKEND_CUT_OFF_MINUTES}`);
  }
  const actions = readActions(data['actions']);
  return {
    maxOpenLotsPerAssetClass,
    ...(maxTradeLotsPerAssetClass ? { maxTradeLotsPerAssetClass } : {}),
    maxTradesPerDay: optionalInteger('maxTradesPerDay', 1),
    weekendHoldingBan: readBoolean('restrictions.weekendHoldingBan', data['weekendHoldingBan'] ?? false),
    // 0 is the default and is left out, so snapshots without the field keep their data and hash.
    ...(weekendCutOffMinutes > 0 ? { weekendCutOffMinutes } : {}),
    newsWindowMinutes: optionalInteger('newsWindowMinutes', 1),
    consistencyPercent:
      data['consistencyPercent'] == null
        ? null
        : readPercent('restrictions.consistencyPercent', data['consistencyPercent']),
    ...(actions ? { actions } : {}),
  };
}

/** The actions an admin chose: known restrictions, known actions; none chosen is no field at all. */
function readActions(input: unknown): RestrictionActions | null {
  if (input == null) return null;
  const actions = readObject('restrictions.actions', input);
  const entries = Object.entries(actions).map(([restriction, action]): [ActionableRestriction, RestrictionAction] => [
    readOneOf('restrictions.actions key', restriction, ACTIONABLE_RESTRICTIONS),
    readOneOf(`restrictions.actions.${restriction}`, action, RESTRICTION_ACTIONS),
  ]);
  return entries.length === 0 ? null : Object.fromEntries(entries);
}
