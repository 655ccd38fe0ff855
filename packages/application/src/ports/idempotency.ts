import { token, type Token } from './token.js';

export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

export type IdempotencyClaim =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'in_progress' }
  | { readonly kind: 'mismatch' };

/**
 * Remembers the outcome of a create request by (scope, key), so a retried
 * POST returns the first answer instead of acting twice. A key reused with a
 * different request body is a client mistake (mismatch).
 */
export interface IdempotencyStore {
  claim(scope: string, key: string, requestHash: string, at: Date): Promise<IdempotencyClaim>;
  complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  /** Forgets an unfinished claim after a failure so the client can retry. */
  release(scope: string, key: string): Promise<void>;
}

export const IDEMPOTENCY_STORE: Token<IdempotencyStore> = token<IdempotencyStore>('IdempotencyStore');
