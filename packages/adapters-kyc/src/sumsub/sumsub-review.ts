import type { KycDecision } from '@tradesense/application';
import { optionalStringAt, stringsAt, SumsubPayloadError, type JsonObject } from './sumsub-payload.js';

export interface ReviewOutcome {
  readonly decision: KycDecision;
  readonly reasons: readonly string[];
  readonly comment: string | null;
}

/**
 * Sumsub's verdict in the rule book's terms: a completed review answered
 * GREEN approves; RED with reviewRejectType RETRY lets the trader resubmit;
 * RED FINAL closes the case. Anything short of a completed review is still in
 * progress. A RED answer without a reject type is refused as malformed rather
 * than guessed, since guessing either way decides a trader's case.
 */
export function reviewOutcome(reviewStatus: string | null, reviewResult: JsonObject | null): ReviewOutcome {
  if (reviewStatus !== 'completed' || reviewResult === null) return { decision: 'in_progress', reasons: [], comment: null };
  const answer = optionalStringAt(reviewResult, 'reviewAnswer');
  const comment = optionalStringAt(reviewResult, 'moderationComment');
  if (answer === 'GREEN') return { decision: 'approved', reasons: [], comment };
  if (answer !== 'RED') throw new SumsubPayloadError(`unknown reviewAnswer ${String(answer)}`);
  const reasons = stringsAt(reviewResult, 'rejectLabels');
  const rejectType = optionalStringAt(reviewResult, 'reviewRejectType');
  if (rejectType === 'RETRY') return { decision: 'rejected_retry', reasons, comment };
  if (rejectType === 'FINAL') return { decision: 'rejected_final', reasons, comment };
  throw new SumsubPayloadError(`RED review without a known reviewRejectType (${String(rejectType)})`);
}
