import type { IdGenerator } from '@tradesense/application';
import { randomBytes, randomUUID } from 'node:crypto';

/** Random UUIDs and CSPRNG bytes from node:crypto. */
export const cryptoIdGenerator: IdGenerator = {
  newId: () => randomUUID(),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
};
