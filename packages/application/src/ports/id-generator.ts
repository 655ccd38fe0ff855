import { token, type Token } from './token.js';

/**
 * The only source of identifiers and random material for use cases (the
 * domain has none): ids for new aggregates, and unguessable bytes for
 * referral codes, certificate ids and tokens.
 */
export interface IdGenerator {
  /** A new unique, URL-safe id, e.g. a UUIDv7-like string. */
  newId(): string;
  /** Cryptographically strong random bytes. */
  randomBytes(length: number): Uint8Array;
}

export const ID_GENERATOR: Token<IdGenerator> = token<IdGenerator>('IdGenerator');
