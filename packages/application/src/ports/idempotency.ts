import { token, type Token } from './token.js';

export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

export type IdempotencyClaim =
  /**
   * This request runs. `attempt` identifies the claim: only its holder
   * completes or releases it. `takenOver` says an earlier attempt's lease ran
   * out unfinished (its process died or hung), so the work may be half done
   * and the use case must find what that attempt created.
   */
  | { readonly kind: 'new'; readonly attempt: string; readonly takenOver: boolean }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'in_progress'; readonly retryAfterSeconds: number }
  | { readonly kind: 'mismatch' };

/**
 * Remembers the outcome of a create request by (scope, key), so a retried
 * POST returns the first answer instead of acting twice. A key reused with a
 * different request body is a client mistake (mismatch). A claim is a lease:
 * one that is not completed within `leaseMs` can be claimed again.
 */
export interface IdempotencyStore {
  claim(scope: string, key: string, requestHash: string, at: Date, leaseMs: number): Promise<IdempotencyClaim>;
  /** Stores the answer, if `attempt` still holds the claim (false when it was taken over meanwhile). */
  complete(scope: string, key: string, attempt: string, response: StoredResponse): Promise<boolean>;
  /** Forgets an unfinished claim after a failure so the client can retry at once. */
  release(scope: string, key: string, attempt: string): Promise<void>;
}

export const IDEMPOTENCY_STORE: Token<IdempotencyStore> = token<IdempotencyStore>('IdempotencyStore');
