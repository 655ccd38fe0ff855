/** What a watched trading account belongs to: an active challenge's current phase, or a funded account. */
export type RiskSubjectKind = 'challenge' | 'funded';

export interface RiskSubject {
  readonly kind: RiskSubjectKind;
  /** The challenge id or the funded account id. */
  readonly id: string;
}

/**
 * The key the risk engine and the monitor's ownership use for a subject. A
 * challenge keeps its id as the key (what metrics, logs and ownership have
 * always used); a funded account's id is prefixed, so the two id spaces can
 * never meet.
 */
export function riskSubjectKey(subject: RiskSubject): string {
  return subject.kind === 'challenge' ? subject.id : `funded:${subject.id}`;
}

const FUNDED_KEY_PREFIX = 'funded:';

/** The subject a key names (the inverse of `riskSubjectKey`). */
export function riskSubjectOfKey(key: string): RiskSubject {
  return key.startsWith(FUNDED_KEY_PREFIX) ? { kind: 'funded', id: key.slice(FUNDED_KEY_PREFIX.length) } : { kind: 'challenge', id: key };
}
