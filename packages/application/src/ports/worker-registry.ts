import { token, type Token } from './token.js';

export interface WorkerRecord {
  readonly id: string;
  readonly startedAt: Date;
  readonly lastSeenAt: Date;
}

/**
 * Workers announce themselves and keep a heartbeat; a worker whose heartbeat
 * is older than the lease is considered gone, so its share of the work (for
 * example the accounts it watches) moves to the live ones.
 */
export interface WorkerRegistry {
  register(id: string, at: Date): Promise<void>;
  heartbeat(id: string, at: Date): Promise<void>;
  deregister(id: string): Promise<void>;
  /** Workers seen since `aliveSince`, ordered by id. */
  live(aliveSince: Date): Promise<WorkerRecord[]>;
  /** Removes the workers last seen before `seenBefore`; returns their ids, ordered. */
  prune(seenBefore: Date): Promise<string[]>;
}

export const WORKER_REGISTRY: Token<WorkerRegistry> = token<WorkerRegistry>('WorkerRegistry');
