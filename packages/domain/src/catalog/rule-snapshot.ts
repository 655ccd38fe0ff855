import { TradingCalendar, type TradingCalendarSettings } from '../calendar/trading-calendar.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import { stableHash } from '../shared/stable-hash.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, unwrap, type Result } from '../shared/result.js';
import { toCents, type DecimalInput } from '../money/decimal.js';
import { Money } from '../money/money.js';
import type { Percent } from '../money/percent.js';
import { CatalogErrorCode } from './catalog-errors.js';
import type { ChallengeModel } from './challenge-model.js';
import { FieldProblem, fieldError, readAmount, readInteger, readObject, readOneOf, readText } from './field-reader.js';
import {
  modelParametersToData,
  parseModelParameters,
  type ModelParameters,
  type ModelParametersData,
  type PhaseRule,
} from './model-parameters.js';
import type { RuleOptions } from './rule-options.js';
import { restrictionAction, type ActionableRestriction, type RestrictionAction, type TradingRestrictions } from './trading-restrictions.js';
import { LOSS_LIMITS, type LossLimitName } from '../drawdown/loss-limit.js';

/** The model id prefix of a competition entry's snapshot (no catalog model id has a colon). */
export const COMPETITION_MODEL_PREFIX = 'competition:';

/** Plain JSON form of a rule snapshot: amounts as cent strings, percentages as point strings. */
export interface RuleSnapshotData {
  readonly modelId: string;
  readonly modelName: string;
  readonly modelVersion: number;
  /** The account size bought: the initial balance of every phase. */
  readonly initialBalance: string;
  /** The price paid for the size (the reset price derives from it). */
  readonly price: string;
  readonly parameters: ModelParametersData;
  /** The firm calendar the challenge runs under. */
  readonly calendar: TradingCalendarSettings;
  /**
   * Loss limits the account runs without (a competition without loss limits,
   * rule book section 7), sorted; their percentage in `parameters` is "0".
   * Absent when both apply (every challenge and funded account), so their
   * data and content hash never change.
   */
  readonly lossLimitsOff?: readonly LossLimitName[];
}

/**
 * The frozen copy of a model's parameters bound to a challenge at purchase
 * (rule book section 2): model id and version, every parameter, the account
 * size and the calendar settings. Editing the model, or the firm calendar,
 * afterwards never changes it. Round-trips through plain JSON unchanged.
 */
export class RuleSnapshot {
  readonly calendar: TradingCalendar;
  #contentHash: string | undefined;

  private constructor(
    private readonly data: RuleSnapshotData,
    readonly parameters: ModelParameters,
    readonly initialBalance: Money,
    readonly price: Money,
  ) {
    this.calendar = new TradingCalendar(data.calendar);
  }

  /** Freezes the model's current version for a purchase of the size with `balance`. */
  static freeze(model: ChallengeModel, balance: DecimalInput, calendar: TradingCalendarSettings): Result<RuleSnapshot> {
    const size = model.purchasableSize(balance);
    if (!size.ok) return size;
    return RuleSnapshot.fromJSON({
      modelId: model.id,
      modelName: model.name,
      modelVersion: model.version,
      initialBalance: toCents(size.value.balance.amount),
      price: toCents(size.value.price.amount),
      parameters: modelParametersToData(model.parameters),
      calendar: { timeZone: calendar.timeZone, resetTime: calendar.resetTime },
    });
  }

  /** Validates stored or received data (`CATALOG.INVALID_RULE_SNAPSHOT` names the bad field). */
  static fromJSON(input: unknown): Result<RuleSnapshot> {
    try {
      const data = readObject('snapshot', input);
      const lossLimitsOff = readLossLimitsOff(data['lossLimitsOff']);
      const parameters = parseModelParameters(data['parameters'], { lossLimitsOff });
      if (!parameters.ok) {
        return err(domainError(CatalogErrorCode.INVALID_RULE_SNAPSHOT, parameters.error.message, parameters.error.details));
      }
      const currency = parameters.value.currency;
      const initialBalance = Money.of(readAmount('initialBalance', data['initialBalance'], true), currency);
      // A free competition's account was not bought: its price is zero.
      const price = Money.of(readAmount('price', data['price']), currency);
      const calendarInput = readObject('calendar', data['calendar']);
      const calendar = {
        timeZone: readText('calendar.timeZone', calendarInput['timeZone']),
        resetTime: readText('calendar.resetTime', calendarInput['resetTime']),
      };
      try {
        new TradingCalendar(calendar);
      } catch (problem) {
        return err(domainError(CatalogErrorCode.INVALID_RULE_SNAPSHOT, (problem as Error).message, { field: 'calendar' }));
      }
      const normalised: RuleSnapshotData = deepFreeze({
        modelId: readText('modelId', data['modelId']),
        modelName: readText('modelName', data['modelName']),
        modelVersion: readInteger('modelVersion', data['modelVersion'], 1),
        initialBalance: toCents(initialBalance.amount),
        price: toCents(price.amount),
        parameters: modelParametersToData(parameters.value),
        calendar,
        ...(lossLimitsOff.length > 0 ? { lossLimitsOff } : {}),
      });
      return ok(new RuleSnapshot(normalised, parameters.value, initialBalance, price));
    } catch (problem) {
      return err(fieldError(CatalogErrorCode.INVALID_RULE_SNAPSHOT, problem));
    }
  }

  /** Reloads a stored snapshot; malformed storage is a programming error and throws. */
  static restore(data: RuleSnapshotData): RuleSnapshot {
    return unwrap(RuleSnapshot.fromJSON(data));
  }

  get modelId(): string {
    return this.data.modelId;
  }
  get modelName(): string {
    return this.data.modelName;
  }
  get modelVersion(): number {
    return this.data.modelVersion;
  }
  get currency(): string {
    return this.parameters.currency;
  }
  get rules(): RuleOptions {
    return this.parameters.rules;
  }
  get restrictions(): TradingRestrictions {
    return this.parameters.restrictions;
  }
  /** A competition entry's snapshot (model id `competition:<id>`): its trade rules disqualify by default (§7, §14). */
  get isCompetition(): boolean {
    return this.data.modelId.startsWith(COMPETITION_MODEL_PREFIX);
  }
  /** The action a violation of `restriction` takes under these rules (§14). */
  restrictionAction(restriction: ActionableRestriction): RestrictionAction {
    return restrictionAction(this.parameters.restrictions, restriction, this.isCompetition);
  }
  get calendarSettings(): TradingCalendarSettings {
    return this.data.calendar;
  }
  get phaseCount(): number {
    return this.parameters.phases.length;
  }
  get dailyLossPercent(): Percent {
    return this.parameters.dailyLossPercent;
  }
  get maxLossPercent(): Percent {
    return this.parameters.maxLossPercent;
  }

  /** False for a limit the snapshot has off: it never breaches nor warns and shows no floor (rule book section 4). */
  isLossLimitOn(limit: LossLimitName): boolean {
    return !(this.data.lossLimitsOff ?? []).includes(limit);
  }

  /** The rule of phase `number` (1-based). */
  phase(number: number): PhaseRule {
    const rule = this.parameters.phases[number - 1];
    if (!rule) throw new RangeError(`${this.modelId} has no phase ${number}`);
    return rule;
  }

  isLastPhase(number: number): boolean {
    return number === this.phaseCount;
  }

  /** Price of a reset: price × (1 − reset discount), booked to the cent. */
  resetPrice(): Money {
    return this.price.times(this.parameters.resetDiscountPercent.complementFraction()).booked();
  }

  /**
   * The same rules measured against another initial balance (a funded
   * account's allocation after scaling): every loss allowance follows the
   * new balance; model, version, price and calendar stay.
   */
  withInitialBalance(balance: Money): RuleSnapshot {
    if (balance.currency !== this.currency) {
      throw new RangeError(`A ${this.currency} snapshot cannot take a ${balance.currency} balance`);
    }
    return RuleSnapshot.restore({ ...this.data, initialBalance: toCents(balance.amount) });
  }

  /** SHA-256 of the canonical JSON form: equal snapshots, equal hashes. */
  get contentHash(): string {
    this.#contentHash ??= stableHash(this.data);
    return this.#contentHash;
  }

  toJSON(): RuleSnapshotData {
    return this.data;
  }
}

/** The limits that are off, in one canonical spelling: known names, each once, in `LOSS_LIMITS` order. */
function readLossLimitsOff(input: unknown): LossLimitName[] {
  if (input == null) return [];
  if (!Array.isArray(input)) throw new FieldProblem('lossLimitsOff', 'expected a list of loss limits');
  const names = input.map((name, index) => readOneOf(`lossLimitsOff[${index}]`, name, LOSS_LIMITS));
  return LOSS_LIMITS.filter((limit) => names.includes(limit));
}
