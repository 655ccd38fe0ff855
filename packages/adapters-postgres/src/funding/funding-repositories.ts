import type { FundingRepositories } from '@tradesense/application';
import type { Knex } from 'knex';
import type { VersionTracker } from '../uow/version-tracker.js';
import { PostgresAgreementSignatureRepository, PostgresAgreementVersionRepository } from './postgres-agreement-repositories.js';
import { PostgresFundedAccountRepository } from './postgres-funded-account-repository.js';
import { PostgresFundedActivationRepository } from './postgres-funded-activation-repository.js';
import { PostgresFundedBalanceOperationRepository } from './postgres-funded-balance-operation-repository.js';
import { PostgresFundedDealCursorRepository } from './postgres-funded-deal-cursor-repository.js';
import { PostgresKycCaseRepository } from './postgres-kyc-case-repository.js';
import { PostgresPayoutCompensationRepository } from './postgres-payout-compensation-repository.js';
import { PostgresPayoutQueryRepository } from './postgres-payout-query-repository.js';
import { PostgresTraderCertificatesRepository } from './postgres-trader-certificates-repository.js';

/** The funding repositories over one transaction. */
export function fundingRepositories(trx: Knex.Transaction, versions: VersionTracker): FundingRepositories {
  return {
    kycCases: new PostgresKycCaseRepository(trx, versions),
    agreementVersions: new PostgresAgreementVersionRepository(trx),
    agreementSignatures: new PostgresAgreementSignatureRepository(trx, versions),
    fundedAccounts: new PostgresFundedAccountRepository(trx, versions),
    payouts: new PostgresPayoutQueryRepository(trx),
    payoutCompensations: new PostgresPayoutCompensationRepository(trx),
    fundedActivations: new PostgresFundedActivationRepository(trx),
    fundedBalanceOperations: new PostgresFundedBalanceOperationRepository(trx),
    fundedDealCursors: new PostgresFundedDealCursorRepository(trx),
    traderCertificates: new PostgresTraderCertificatesRepository(trx, versions),
  };
}
