/** One page of a listing; `nextCursor` is null on the last page. */
export interface CursorPage<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface PageRequest {
  /** The `nextCursor` of the previous page; absent for the first page. */
  readonly cursor?: string | null;
  readonly limit: number;
}
