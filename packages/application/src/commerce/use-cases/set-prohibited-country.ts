import { err, ok, parseCountryCode, type DomainError, type ProhibitedCountry, type ProhibitionReason, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { commerceErrors } from '../commerce-errors.js';

export interface SetProhibitedCountryInput {
  readonly actorId: string;
  /** ISO 3166-1 alpha-2, any case. */
  readonly code: string;
  readonly name: string;
  readonly reason: ProhibitionReason;
}

const REASONS: readonly ProhibitionReason[] = ['sanctions', 'regulatory'];

/** Admin: adds a prohibited country, or changes the name or reason of a listed one; audited before/after. */
export class SetProhibitedCountry {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: SetProhibitedCountryInput): Promise<Result<ProhibitedCountry, DomainError>> {
    const code = parseCountryCode(input.code);
    if (!code.ok) return code;
    const name = input.name.trim();
    if (name === '') return err(commerceErrors.invalidProhibitedCountry('A country name is required'));
    if (!REASONS.includes(input.reason)) return err(commerceErrors.invalidProhibitedCountry(`The reason must be one of ${REASONS.join(', ')}`));
    const entry: ProhibitedCountry = { code: code.value, name, reason: input.reason };
    const at = this.clock.now();
    return this.uow.run(async (tx) => {
      const admin = await requireAdmin(tx, input.actorId, 'compliance.prohibited_country_set');
      if (!admin.ok) return admin;
      const before = await tx.prohibitedCountries.find(entry.code);
      await tx.prohibitedCountries.save(entry, at);
      await tx.audit.append({
        at,
        actorId: input.actorId,
        actorRole: 'admin',
        action: 'compliance.prohibited_country_set',
        subjectType: 'prohibited_country',
        subjectId: entry.code,
        details: { before, after: entry },
      });
      return ok(entry);
    });
  }
}
