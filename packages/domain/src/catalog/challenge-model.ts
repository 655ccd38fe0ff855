import { AggregateRoot } from '../shared/aggregate-root.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { err, ok, unwrap, type Result } from '../shared/result.js';
import { dec, type DecimalInput } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { accountSizeToData, type AccountSize, type AccountSizeData } from './account-size.js';
import { CatalogErrorCode } from './catalog-errors.js';
import type { ChallengeModelEvent } from './challenge-model-events.js';
import { FieldProblem, fieldError, readAmount, readBoolean, readInteger, readObject, readText } from './field-reader.js';
import {
  modelParametersToData,
  parseModelParameters,
  type ModelParameters,
  type ModelParametersData,
} from './model-parameters.js';
import type { RuleOptionsData } from './rule-options.js';
import type { TradingRestrictionsData } from './trading-restrictions.js';

/** Plain-data persistence shape of a catalog entry (one version of it). */
export interface ChallengeModelState {
  /** Stable id, e.g. "stellar_2step". */
  readonly id: string;
  /** Display name, e.g. "Stellar 2-Step". */
  readonly name: string;
  /** Starts at 1; every admin edit adds one. */
  readonly version: number;
  readonly parameters: ModelParametersData;
  readonly sizes: readonly AccountSizeData[];
}

/** An admin edit. Omitted parts stay; `rules` and `restrictions` merge field by field. */
export interface ModelRevision {
  readonly name?: string;
  readonly parameters?: Partial<Omit<ModelParametersData, 'rules' | 'restrictions'>> & {
    readonly rules?: Partial<RuleOptionsData>;
    readonly restrictions?: Partial<TradingRestrictionsData>;
  };
  /** The full list of sizes after the edit. */
  readonly sizes?: readonly AccountSizeData[];
}

interface Parsed {
  readonly state: ChallengeModelState;
  readonly parameters: ModelParameters;
  readonly sizes: readonly AccountSize[];
}

const MODEL_ID = /^[a-z0-9][a-z0-9_]*$/;

/**
 * A challenge model of the catalog (rule book section 2): versioned data an
 * admin edits. Each edit is a new version; a challenge bought earlier keeps
 * the frozen copy it took (`RuleSnapshot`), so nothing here reaches it.
 */
export class ChallengeModel extends AggregateRoot<ChallengeModelEvent> {
  private constructor(private current: Parsed) {
    super();
  }

  /** A new catalog entry at version 1. */
  static define(input: Omit<ChallengeModelState, 'version'> & { by: string; at: Date }): Result<ChallengeModel> {
    const { id, name, parameters, sizes } = input;
    const parsed = parseModelState({ id, name, version: 1, parameters, sizes });
    if (!parsed.ok) return parsed;
    const model = new ChallengeModel(parsed.value);
    model.record({
      type: 'ChallengeModelDefined',
      aggregateId: model.id,
      occurredAt: input.at,
      payload: { version: 1, by: input.by },
    });
    return ok(model);
  }

  /** Validates stored or seeded data (any version). */
  static fromState(state: ChallengeModelState): Result<ChallengeModel> {
    const parsed = parseModelState(state);
    return parsed.ok ? ok(new ChallengeModel(parsed.value)) : parsed;
  }

  /** Reloads a stored model; malformed storage is a programming error and throws. */
  static restore(state: ChallengeModelState): ChallengeModel {
    return unwrap(ChallengeModel.fromState(state));
  }

  get id(): string {
    return this.current.state.id;
  }
  get name(): string {
    return this.current.state.name;
  }
  get version(): number {
    return this.current.state.version;
  }
  get currency(): string {
    return this.current.parameters.currency;
  }
  get parameters(): ModelParameters {
    return this.current.parameters;
  }
  get sizes(): readonly AccountSize[] {
    return this.current.sizes;
  }
  /** Sizes a trader can buy now. */
  get availableSizes(): readonly AccountSize[] {
    return this.current.sizes.filter((size) => size.enabled);
  }

  /** The size with this initial balance, if the model lists it (enabled or not). */
  size(balance: DecimalInput): AccountSize | undefined {
    const wanted = dec(balance);
    return this.current.sizes.find((size) => size.balance.amount.equals(wanted));
  }

  /** The size a purchase may use: listed and enabled. */
  purchasableSize(balance: DecimalInput): Result<AccountSize> {
    const size = this.size(balance);
    if (!size) return err(this.sizeNotFound(balance));
    if (!size.enabled) {
      return err(
        domainError(CatalogErrorCode.SIZE_DISABLED, `${this.name} ${String(balance)} is not on sale`, {
          modelId: this.id,
          balance: String(balance),
        }),
      );
    }
    return ok(size);
  }

  /**
   * An admin edit: validated as a whole, then stored as the next version. An
   * edit that changes nothing is refused (`CATALOG.NOTHING_TO_CHANGE`) so the
   * version history only holds real changes.
   */
  revise(revision: ModelRevision, by: string, at: Date, reason = ''): Result<void> {
    const before = this.current.state;
    const patch = revision.parameters ?? {};
    const candidate: ChallengeModelState = {
      id: before.id,
      name: revision.name ?? before.name,
      version: before.version + 1,
      parameters: {
        ...before.parameters,
        ...patch,
        rules: { ...before.parameters.rules, ...patch.rules },
        restrictions: { ...before.parameters.restrictions, ...patch.restrictions },
      },
      sizes: revision.sizes ?? before.sizes,
    };
    const parsed = parseModelState(candidate);
    if (!parsed.ok) return parsed;
    const after = parsed.value.state;
    const changed = (['name', 'parameters', 'sizes'] as const).filter(
      (key) => canonicalJson(before[key]) !== canonicalJson(after[key]),
    );
    if (changed.length === 0) {
      return err(domainError(CatalogErrorCode.NOTHING_TO_CHANGE, 'The revision changes nothing', { modelId: this.id }));
    }
    this.current = parsed.value;
    this.recordEvent('ChallengeModelRevised', this.id, at, { fromVersion: before.version, toVersion: after.version, by, reason, changed: [...changed] });
    return ok(undefined);
  }

  /** Switches a size on or off (a new version). */
  setSizeEnabled(balance: DecimalInput, enabled: boolean, by: string, at: Date): Result<void> {
    return this.reviseSize(balance, (size) => ({ ...size, enabled }), by, at);
  }

  /** Sets the price of a size (a new version), e.g. the admin-set Lite prices. */
  setSizePrice(balance: DecimalInput, price: DecimalInput, by: string, at: Date): Result<void> {
    return this.reviseSize(balance, (size) => ({ ...size, price: String(price) }), by, at);
  }

  toState(): ChallengeModelState {
    return structuredClone(this.current.state);
  }

  private sizeNotFound(balance: DecimalInput): DomainError {
    return domainError(CatalogErrorCode.SIZE_NOT_FOUND, `${this.name} has no ${String(balance)} account`, {
      modelId: this.id,
      balance: String(balance),
    });
  }

  private reviseSize(
    balance: DecimalInput,
    change: (size: AccountSizeData) => AccountSizeData,
    by: string,
    at: Date,
  ): Result<void> {
    const target = this.size(balance);
    if (!target) return err(this.sizeNotFound(balance));
    const sizes = this.current.state.sizes.map((size) =>
      dec(size.balance).equals(target.balance.amount) ? change(size) : size,
    );
    return this.revise({ sizes }, by, at);
  }
}

function parseModelState(input: ChallengeModelState): Result<Parsed> {
  const parameters = parseModelParameters(input.parameters);
  if (!parameters.ok) return parameters;
  try {
    const data = readObject('model', input);
    const id = readText('id', data['id'], MODEL_ID);
    const name = readText('name', data['name']);
    const version = readInteger('version', data['version'], 1);
    const currency = parameters.value.currency;
    const sizesInput = data['sizes'];
    if (!Array.isArray(sizesInput) || sizesInput.length === 0) {
      throw new FieldProblem('sizes', 'a model lists at least one size');
    }
    const sizes: AccountSize[] = sizesInput.map((sizeInput, index) => {
      const size = readObject(`sizes[${index}]`, sizeInput);
      return {
        balance: Money.of(readAmount(`sizes[${index}].balance`, size['balance'], true), currency),
        price: Money.of(readAmount(`sizes[${index}].price`, size['price'], true), currency),
        enabled: readBoolean(`sizes[${index}].enabled`, size['enabled']),
      };
    });
    const balances = new Set(sizes.map((size) => size.balance.toFixed()));
    if (balances.size !== sizes.length) {
      return err(domainError(CatalogErrorCode.DUPLICATE_SIZE, 'Two sizes share a balance', { modelId: id }));
    }
    sizes.sort((a, b) => a.balance.compare(b.balance));
    const state: ChallengeModelState = {
      id,
      name,
      version,
      parameters: modelParametersToData(parameters.value),
      sizes: sizes.map(accountSizeToData),
    };
    return ok({ state, parameters: parameters.value, sizes });
  } catch (problem) {
    return err(fieldError(CatalogErrorCode.INVALID_MODEL, problem));
  }
}
