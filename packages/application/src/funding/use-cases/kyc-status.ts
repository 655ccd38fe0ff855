import { err, ok, type DomainError, type KycRejectionKind, type KycStatus, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { traderChallengesIn } from '../shared/trader-challenges.js';

export interface KycStatusView {
  /** True while a passed challenge waits for verification. */
  readonly required: boolean;
  /** `not_started` until the trader starts a verification. */
  readonly status: KycStatus | 'not_started';
  readonly kycCaseId: string | null;
  readonly provider: string | null;
  readonly attempt: number;
  readonly rejection: { readonly kind: KycRejectionKind; readonly reasons: readonly string[]; readonly at: Date } | null;
  /** Whether `startKyc` would open or reopen a verification now. */
  readonly canStart: boolean;
  readonly approvedAt: Date | null;
}

/** Where a trader's identity verification stands. */
export class KycStatusQuery {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: { userId: string }): Promise<Result<KycStatusView, DomainError>> {
    return this.uow.run(async (tx) => {
      if (!(await tx.users.findById(input.userId))) return err(sharedErrors.userNotFound(input.userId));
      const required = (await traderChallengesIn(tx, input.userId, 'pending_kyc')).length > 0;
      const kyc = await tx.kycCases.findByTrader(input.userId);
      const state = kyc?.toState() ?? null;
      const rejection = state?.rejection ?? null;
      const startable = !state || state.status === 'pending' || (state.status === 'rejected' && rejection?.kind === 'retry');
      return ok({
        required,
        status: state?.status ?? 'not_started',
        kycCaseId: state?.id ?? null,
        provider: state?.provider ?? null,
        attempt: state?.attempt ?? 0,
        rejection: rejection ? { kind: rejection.kind, reasons: rejection.reasons, at: rejection.at } : null,
        canStart: required && startable,
        approvedAt: state?.approvedAt ?? null,
      });
    });
  }
}
