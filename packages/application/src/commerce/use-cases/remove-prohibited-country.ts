import { err, ok, parseCountryCode, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { commerceErrors } from '../commerce-errors.js';

export interface RemoveProhibitedCountryInput {
  readonly actorId: string;
  readonly code: string;
}

/** Admin: takes a country off the prohibited list; audited with the entry removed. */
export class RemoveProhibitedCountry {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: RemoveProhibitedCountryInput): Promise<Result<{ code: string }, DomainError>> {
    const code = parseCountryCode(input.code);
    if (!code.ok) return code;
    const at = this.clock.now();
    return this.uow.run(async (tx) => {
      const admin = await requireAdmin(tx, input.actorId, 'compliance.prohibited_country_removed');
      if (!admin.ok) return admin;
      const before = await tx.prohibitedCountries.find(code.value);
      if (!before) return err(commerceErrors.countryNotProhibited(code.value));
      await tx.prohibitedCountries.remove(code.value);
      await tx.audit.append({
        at,
        actorId: input.actorId,
        actorRole: 'admin',
        action: 'compliance.prohibited_country_removed',
        subjectType: 'prohibited_country',
        subjectId: code.value,
        details: { before, after: null },
      });
      return ok({ code: code.value });
    });
  }
}
