import { err, ok, type Result } from '@tradesense/domain';
import { sharedErrors } from './shared-errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageLimit(limit: number | undefined): Result<number> {
  if (limit === undefined) return ok(DEFAULT_PAGE_SIZE);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) return err(sharedErrors.invalidPageSize(MAX_PAGE_SIZE));
  return ok(limit);
}
