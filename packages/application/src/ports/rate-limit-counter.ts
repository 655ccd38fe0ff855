import { token, type Token } from './token.js';

export interface RateLimitWindow {
  /** Hits in the current window, this one included. */
  readonly hits: number;
  /** When the window ends and counting starts afresh. */
  readonly resetAt: Date;
}

/**
 * Counts attempts per key in fixed windows, shared by every process of the
 * platform (so a limit of 20 a minute is 20 for the whole API, however many
 * processes serve it).
 */
export interface RateLimitCounter {
  hit(key: string, windowMs: number, at: Date): Promise<RateLimitWindow>;
  /** Takes back one hit of the current window (a request that should not count). */
  undo(key: string, windowMs: number, at: Date): Promise<void>;
  /** Forgets the key's current count. */
  reset(key: string): Promise<void>;
}

export const RATE_LIMIT_COUNTER: Token<RateLimitCounter> = token<RateLimitCounter>('RateLimitCounter');
