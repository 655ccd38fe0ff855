/** Stable codes for catalog (challenge model) refusals. */
export const CatalogErrorCode = {
  INVALID_MODEL: 'CATALOG.INVALID_MODEL',
  INVALID_RULE_SNAPSHOT: 'CATALOG.INVALID_RULE_SNAPSHOT',
  SIZE_NOT_FOUND: 'CATALOG.SIZE_NOT_FOUND',
  SIZE_DISABLED: 'CATALOG.SIZE_DISABLED',
  DUPLICATE_SIZE: 'CATALOG.DUPLICATE_SIZE',
  NOTHING_TO_CHANGE: 'CATALOG.NOTHING_TO_CHANGE',
} as const;
export type CatalogErrorCode = (typeof CatalogErrorCode)[keyof typeof CatalogErrorCode];
