import { err, ok, type Result } from '@tradesense/domain';
import { challengesErrors } from '../challenges-errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageLimit(limit: number | undefined): Result<number> {
  if (limit === undefined) return ok(DEFAULT_PAGE_SIZE);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) return err(challengesErrors.invalidPageSize(MAX_PAGE_SIZE));
  return ok(limit);
}
