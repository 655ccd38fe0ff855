/**
 * Opaque keyset cursors: the sort key of the last row of a page, so the next
 * page starts right after it even while rows are added.
 */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** The parts of a cursor, or null when it is not one of ours (treated as the first page by callers that choose to). */
export function decodeCursor(cursor: string, arity: number): string[] | null {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parts) || parts.length !== arity || !parts.every((part) => typeof part === 'string')) return null;
    return parts as string[];
  } catch {
    return null;
  }
}
