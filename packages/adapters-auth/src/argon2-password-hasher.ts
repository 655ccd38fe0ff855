import type { PasswordHasher } from '@tradesense/application';
import argon2 from 'argon2';

export interface Argon2Options {
  /** KiB of memory per hash (OWASP: at least 19 MiB for argon2id). */
  readonly memoryCost?: number;
  readonly timeCost?: number;
  readonly parallelism?: number;
}

/** argon2id with OWASP-recommended parameters by default. */
export class Argon2PasswordHasher implements PasswordHasher {
  constructor(private readonly options: Argon2Options = {}) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: this.options.memoryCost ?? 19_456,
      timeCost: this.options.timeCost ?? 2,
      parallelism: this.options.parallelism ?? 1,
    });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      // A malformed stored hash is a failed sign-in, not a crash.
      return false;
    }
  }
}
