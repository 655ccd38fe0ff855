import { ProhibitedCountries } from '@tradesense/domain';
import type { TransactionScope } from '../../ports/unit-of-work.js';

/** The prohibited-countries policy as the admin keeps it today. */
export async function prohibitedCountries(tx: TransactionScope): Promise<ProhibitedCountries> {
  return ProhibitedCountries.of(await tx.prohibitedCountries.list());
}
