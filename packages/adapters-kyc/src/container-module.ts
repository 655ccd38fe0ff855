import { CLOCK, DOCUMENT_NUMBER_HASHER, KYC_PROVIDER, type Clock, type DocumentNumberHasher, type KycProvider } from '@tradesense/application';
import { ContainerModule } from 'inversify';
import type { KycConfig } from './config/kyc-config.js';
import { HmacDocumentNumberHasher } from './document-number-hasher.js';
import { ManualKycProvider } from './manual/manual-kyc-provider.js';
import { SumsubKycProvider } from './sumsub/sumsub-kyc-provider.js';

/** The configured provider, usable without a container. */
export function createKycProvider(config: KycConfig, hasher: DocumentNumberHasher, clock: Clock): KycProvider {
  return config.provider === 'sumsub' ? new SumsubKycProvider(config.sumsub, hasher, clock) : new ManualKycProvider();
}

/** Binds KYC_PROVIDER and DOCUMENT_NUMBER_HASHER; CLOCK must be bound by the composition root. */
export function kycModule(config: KycConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    const hasher = new HmacDocumentNumberHasher(config.documentHashKey);
    bind(DOCUMENT_NUMBER_HASHER).toConstantValue(hasher);
    bind(KYC_PROVIDER)
      .toDynamicValue((context) => createKycProvider(config, hasher, context.get<Clock>(CLOCK)))
      .inSingletonScope();
  });
}
