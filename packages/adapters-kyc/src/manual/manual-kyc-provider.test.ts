import { isWebhookError, type KycProvider } from '@tradesense/application';
import { describe, expect, it } from 'vitest';
import { ManualKycProvider } from './manual-kyc-provider.js';

describe('ManualKycProvider', () => {
  const manual: KycProvider = new ManualKycProvider();

  it('starts a review tied to the case, with no external link', async () => {
    expect(await manual.startVerification({ caseId: 'kyc_1', userId: 'usr_1', email: 'a@example.test', country: 'MA' })).toEqual({
      providerApplicantId: 'manual:kyc_1',
      verificationUrl: null,
    });
  });

  it('refuses every webhook, so nothing outside can decide a manual case', async () => {
    let caught: unknown;
    try {
      await manual.parseWebhook({ rawBody: Buffer.from('{}'), headers: {} });
    } catch (error) {
      caught = error;
    }
    expect(isWebhookError(caught, 'WEBHOOK.NOT_SUPPORTED')).toBe(true);
    expect(manual.applicantStatus).toBeUndefined();
  });
});
