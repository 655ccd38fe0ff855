import type { ActionableRestriction, RestrictionAction } from '../catalog/trading-restrictions.js';

/**
 * Version of the restriction rules, part of every violation's input hash: a
 * violation replays only under the rules that found it.
 */
export const RESTRICTIONS_ENGINE_VERSION = 1;

/**
 * What a restriction found (rule book section 14): which rule, the action it
 * takes, the instant and deal (or cut-off) that caused it, the positions it
 * names, and the figures it was judged on: the limit and the figure that went
 * past it, with what the rule needs to show (the asset class, the event…).
 */
export interface RestrictionViolation {
  /** Derived from what caused it (the deal, the position, the cut-off instant): the same cause, the same id. */
  readonly id: string;
  readonly restriction: ActionableRestriction;
  readonly action: RestrictionAction;
  readonly at: Date;
  readonly dealId: string | null;
  readonly positionIds: readonly string[];
  readonly limit: string;
  readonly observed: string;
  readonly details: Readonly<Record<string, string>>;
}

export interface RestrictionViolationData {
  readonly id: string;
  readonly restriction: ActionableRestriction;
  readonly action: RestrictionAction;
  readonly at: string;
  readonly dealId: string | null;
  readonly positionIds: readonly string[];
  readonly limit: string;
  readonly observed: string;
  readonly details: Readonly<Record<string, string>>;
}

export const violationToData = (violation: RestrictionViolation): RestrictionViolationData => ({
  id: violation.id,
  restriction: violation.restriction,
  action: violation.action,
  at: violation.at.toISOString(),
  dealId: violation.dealId,
  positionIds: [...violation.positionIds],
  limit: violation.limit,
  observed: violation.observed,
  details: { ...violation.details },
});

export const violationFromData = (data: RestrictionViolationData): RestrictionViolation => ({
  ...data,
  at: new Date(data.at),
  positionIds: [...data.positionIds],
  details: { ...data.details },
});

/** Everything a rule read, as plain JSON: stored with the violation, it replays it. */
export interface RestrictionViolationInputs {
  readonly engine: number;
  /** The content hash of the rule snapshot the rule came from. */
  readonly snapshot: string;
  readonly restriction: ActionableRestriction;
  /** The rule's options and action. */
  readonly rule: Readonly<Record<string, unknown>>;
  /** The fact it judged (a deal, the open positions at a cut-off). */
  readonly fact: Readonly<Record<string, unknown>>;
}

/** One restriction rule: judges a fact, says what it read. */
export interface RestrictionRule<TFact> {
  readonly restriction: ActionableRestriction;
  readonly action: RestrictionAction;
  judge(fact: TFact): RestrictionViolation | null;
  toData(): Readonly<Record<string, unknown>>;
}
