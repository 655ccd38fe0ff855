import { Decimal, tryDecimal } from '../money/decimal.js';
import { Percent } from '../money/percent.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { CatalogErrorCode } from './catalog-errors.js';

/**
 * Reads untrusted plain data (admin input, stored JSON) field by field. A bad
 * field throws a `FieldProblem`, which the public parsers turn into a typed
 * domain error naming the field; nothing escapes this module as a throw.
 */
export class FieldProblem extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

export interface DecimalRange {
  readonly min?: Decimal;
  readonly above?: Decimal;
  readonly max?: Decimal;
  readonly below?: Decimal;
}

export function readDecimal(field: string, value: unknown, range: DecimalRange = {}): Decimal {
  const parsed = tryDecimal(value);
  if (!parsed) throw new FieldProblem(field, `expected a decimal string, got ${JSON.stringify(value)}`);
  const refuse = (problem: string, bound: Decimal): never => {
    throw new FieldProblem(field, `must be ${problem} ${bound.toFixed()}`);
  };
  if (range.min && parsed.lessThan(range.min)) refuse('at least', range.min);
  if (range.above && parsed.lessThanOrEqualTo(range.above)) refuse('above', range.above);
  if (range.max && parsed.greaterThan(range.max)) refuse('at most', range.max);
  if (range.below && parsed.greaterThanOrEqualTo(range.below)) refuse('below', range.below);
  return parsed;
}

/** A money amount: at most two decimal places, never negative. */
export function readAmount(field: string, value: unknown, positive = false): Decimal {
  const amount = readDecimal(field, value, positive ? { above: new Decimal(0) } : { min: new Decimal(0) });
  if (amount.decimalPlaces() > 2) throw new FieldProblem(field, 'an amount has at most two decimal places');
  return amount;
}

/** Percentage points in (0, 100] unless told otherwise. */
export function readPercent(
  field: string,
  value: unknown,
  range: { allowZero?: boolean; below100?: boolean } = {},
): Percent {
  const points = readDecimal(field, value, {
    ...(range.allowZero ? { min: new Decimal(0) } : { above: new Decimal(0) }),
    ...(range.below100 ? { below: new Decimal(100) } : { max: new Decimal(100) }),
  });
  return Percent.of(points);
}

export function readInteger(field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new FieldProblem(field, `expected an integer, got ${JSON.stringify(value)}`);
  }
  if (value < min) throw new FieldProblem(field, `must be at least ${min}`);
  return value;
}

export function readOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new FieldProblem(field, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

export function readText(field: string, value: unknown, pattern?: RegExp): string {
  if (typeof value !== 'string' || value.trim() === '') throw new FieldProblem(field, 'expected a non-empty string');
  if (pattern && !pattern.test(value)) throw new FieldProblem(field, `does not match ${pattern.source}`);
  return value;
}

export function readBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new FieldProblem(field, 'expected true or false');
  return value;
}

export function readObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FieldProblem(field, 'expected an object');
  }
  return value as Record<string, unknown>;
}

/** Turns a field problem into a typed error; anything else is a programming error and rethrown. */
export function fieldError(code: CatalogErrorCode, problem: unknown): DomainError {
  if (!(problem instanceof FieldProblem)) throw problem;
  return domainError(code, `Invalid ${problem.field}: ${problem.problem}`, {
    field: problem.field,
    problem: problem.problem,
  });
}
