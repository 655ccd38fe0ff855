import { INVALID_CURSOR } from '@tradesense/application';
import { DomainError } from '@tradesense/domain';

/**
 * Keyset paging over (instant, id) descending: the cursor names the last row
 * of a page, so a page stays stable while new rows arrive.
 */
export interface PagePosition {
  readonly at: Date;
  readonly id: string;
}

export function encodePageCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id]), 'utf8').toString('base64url');
}

/** Null without a cursor (the first page); a cursor this code did not issue is PAGE.INVALID_CURSOR, like every list's. */
export function decodePageCursor(cursor: string | null | undefined): PagePosition | null {
  if (!cursor) return null;
  const position = parsePageCursor(cursor);
  if (!position) throw new DomainError(INVALID_CURSOR, 'The page cursor is not valid');
  return position;
}

function parsePageCursor(cursor: string): PagePosition | null {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || typeof decoded[0] !== 'string' || typeof decoded[1] !== 'string') return null;
    // Only what encodePageCursor writes: an ISO instant the database can hold and an id.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(decoded[0]) || !/^[\w-]{1,64}$/.test(decoded[1])) return null;
    const at = new Date(decoded[0]);
    return Number.isNaN(at.getTime()) ? null : { at, id: decoded[1] };
  } catch {
    return null;
  }
}
