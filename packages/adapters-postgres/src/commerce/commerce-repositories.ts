import type { CommerceRepositories } from '@tradesense/application';
import type { Knex } from 'knex';
import type { VersionTracker } from '../uow/version-tracker.js';
import { PostgresChallengeModelRepository } from './postgres-challenge-model-repository.js';
import { PostgresFulfilmentClaimRepository } from './postgres-fulfilment-claim-repository.js';
import { PostgresOrderRepository } from './postgres-order-repository.js';
import { PostgresPaymentGatewaySettingsRepository } from './postgres-payment-gateway-settings-repository.js';
import { PostgresProhibitedCountryRepository } from './postgres-prohibited-country-repository.js';
import { PostgresSavedPaymentMethodRepository } from './postgres-saved-payment-method-repository.js';
import { PostgresTrialCheckoutRepository } from './postgres-trial-checkout-repository.js';
import { PostgresTrialRepository } from './postgres-trial-repository.js';

/** The commerce repositories over one transaction. */
export function commerceRepositories(trx: Knex.Transaction, versions: VersionTracker): CommerceRepositories {
  return {
    challengeModels: new PostgresChallengeModelRepository(trx, versions),
    paymentGatewaySettings: new PostgresPaymentGatewaySettingsRepository(trx),
    prohibitedCountries: new PostgresProhibitedCountryRepository(trx),
    orders: new PostgresOrderRepository(trx, versions),
    fulfilmentClaims: new PostgresFulfilmentClaimRepository(trx),
    trials: new PostgresTrialRepository(trx, versions),
    trialCheckouts: new PostgresTrialCheckoutRepository(trx),
    savedPaymentMethods: new PostgresSavedPaymentMethodRepository(trx),
  };
}
