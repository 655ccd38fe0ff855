import { ok, type DomainError, type ProhibitedCountry, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';

/** The countries whose residents cannot buy, register for competitions or be funded (section 8). */
export class ListProhibitedCountries {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(): Promise<Result<{ countries: ProhibitedCountry[] }, DomainError>> {
    const countries = await this.uow.run((tx) => tx.prohibitedCountries.list());
    return ok({ countries });
  }
}
