import { token, type Token } from './token.js';

/** One dependency the process needs before it can serve (database, broker…). */
export interface ReadinessCheck {
  readonly name: string;
  isReady(): Promise<boolean>;
}

/** Multi-bound: every adapter that must be reachable adds one. */
export const READINESS_CHECK: Token<ReadinessCheck> = token<ReadinessCheck>('ReadinessCheck');
