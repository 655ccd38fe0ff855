/** `lock: true` holds the row (SELECT … FOR UPDATE) until the transaction ends, so concurrent writers queue. */
export interface LoadOptions {
  readonly lock?: boolean;
}
