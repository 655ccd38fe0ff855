import { canonicalJson } from '../shared/canonical-json.js';
import { stableHash } from '../shared/stable-hash.js';
import {
  RESTRICTIONS_ENGINE_VERSION,
  type RestrictionRule,
  type RestrictionViolation,
  type RestrictionViolationInputs,
} from './restriction-violation.js';

/** A rule's answer on one fact, with what is needed to store and replay it. */
export interface RestrictionJudgement {
  readonly violation: RestrictionViolation | null;
  readonly inputs: RestrictionViolationInputs;
  /** `sha256:` + SHA-256 of the canonical inputs (as a breach verdict's, rule book §4). */
  readonly inputHash: string;
}

/** Plain JSON of a fact: decimals and instants written as their strings, as the hash reads them. */
const plain = (value: object): Readonly<Record<string, unknown>> => JSON.parse(canonicalJson(value)) as Record<string, unknown>;

export const restrictionInputHash = (inputs: RestrictionViolationInputs): string => stableHash(inputs);

/** Runs `rule` on `fact` and keeps what it read (the snapshot by its content hash). */
export function judgeRestriction<TFact extends object>(rule: RestrictionRule<TFact>, fact: TFact, snapshotHash: string): RestrictionJudgement {
  const inputs: RestrictionViolationInputs = {
    engine: RESTRICTIONS_ENGINE_VERSION,
    snapshot: snapshotHash,
    restriction: rule.restriction,
    rule: plain(rule.toData()),
    fact: plain(fact),
  };
  return { violation: rule.judge(fact), inputs, inputHash: restrictionInputHash(inputs) };
}
