/**
 * Opaque keyset cursors: the sort key of the last row of a page, so the next
 * page starts right after it even while rows are added.
 */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/**
 * What each part of a cursor must be before it reaches SQL: a forged cursor
 * with text the column type cannot hold would otherwise fail in the database
 * (`invalid input syntax for type timestamp`, `out of range for type bigint`).
 */
export type CursorPart = 'instant' | 'id' | 'bigint';

const INT8_MAX = 9_223_372_036_854_775_807n;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function valid(kind: CursorPart, part: string): boolean {
  switch (kind) {
    case 'instant':
      return ISO_INSTANT.test(part) && !Number.isNaN(Date.parse(part)) && new Date(part).toISOString().slice(0, 19) === part.slice(0, 19);
    case 'id':
      return /^[\w-]{1,64}$/.test(part);
    case 'bigint':
      return /^\d{1,19}$/.test(part) && BigInt(part) <= INT8_MAX;
  }
}

/** The parts of a cursor, or null when it is not one of ours (callers answer PAGE.INVALID_CURSOR). */
export function decodeCursor(cursor: string, kinds: readonly CursorPart[]): string[] | null {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parts) || parts.length !== kinds.length) return null;
    if (!parts.every((part, index) => typeof part === 'string' && valid(kinds[index]!, part))) return null;
    return parts as string[];
  } catch {
    return null;
  }
}
