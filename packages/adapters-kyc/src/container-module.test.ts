import { CLOCK, DOCUMENT_NUMBER_HASHER, KYC_PROVIDER, type DocumentNumberHasher, type KycProvider } from '@tradesense/application';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_DOCUMENT_HASH_KEY, kycConfigFromEnv } from './config/kyc-config.js';
import { kycModule } from './container-module.js';
import { HmacDocumentNumberHasher } from './document-number-hasher.js';
import { ManualKycProvider } from './manual/manual-kyc-provider.js';
import { SumsubKycProvider } from './sumsub/sumsub-kyc-provider.js';
import { TestClock } from './testing/test-clock.js';

async function load(config: Parameters<typeof kycModule>[0]): Promise<Container> {
  const container = new Container();
  container.bind(CLOCK).toConstantValue(new TestClock(new Date('2026-03-10T12:00:00Z')));
  await container.load(kycModule(config));
  return container;
}

describe('kycModule', () => {
  it('binds the manual review and the hasher in a fresh embedded setup', async () => {
    const config = kycConfigFromEnv({}, { mode: 'embedded' });
    expect(config).toEqual({ provider: 'manual', documentHashKey: EMBEDDED_DOCUMENT_HASH_KEY });
    const container = await load(config);
    expect(container.get<KycProvider>(KYC_PROVIDER)).toBeInstanceOf(ManualKycProvider);
    expect(container.get<DocumentNumberHasher>(DOCUMENT_NUMBER_HASHER)).toBeInstanceOf(HmacDocumentNumberHasher);
  });

  it('binds Sumsub when it is configured', async () => {
    const env = {
      SUMSUB_APP_TOKEN: 'sbx:token',
      SUMSUB_SECRET_KEY: 'secret',
      SUMSUB_WEBHOOK_SECRET: 'webhook',
      SUMSUB_LEVEL_NAME: 'basic-kyc-level',
      KYC_DOCUMENT_HASH_KEY: 'a-production-document-hash-key-0123456789',
    };
    const container = await load(kycConfigFromEnv(env, { mode: 'server' }));
    expect(container.get<KycProvider>(KYC_PROVIDER)).toBeInstanceOf(SumsubKycProvider);
  });

  it('refuses a server without a hash key and a half-configured Sumsub', () => {
    expect(() => kycConfigFromEnv({}, { mode: 'server' })).toThrow(/KYC_DOCUMENT_HASH_KEY is required/);
    expect(() => kycConfigFromEnv({ KYC_PROVIDER: 'sumsub', SUMSUB_APP_TOKEN: 't' }, { mode: 'embedded' })).toThrow(
      /missing SUMSUB_SECRET_KEY, SUMSUB_WEBHOOK_SECRET, SUMSUB_LEVEL_NAME/,
    );
  });
});
