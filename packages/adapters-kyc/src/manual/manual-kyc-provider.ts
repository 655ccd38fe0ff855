import {
  WebhookError,
  type KycNotice,
  type KycProvider,
  type StartVerificationRequest,
  type VerificationStart,
} from '@tradesense/application';

/**
 * The built-in review: the trader submits documents through the platform and
 * an admin approves or rejects the case there. Nothing leaves the process;
 * the applicant id is derived from the case so it is stable and readable in
 * the audit trail.
 */
export class ManualKycProvider implements KycProvider {
  readonly id = 'manual' as const;

  async startVerification(request: StartVerificationRequest): Promise<VerificationStart> {
    return { providerApplicantId: `manual:${request.caseId}`, verificationUrl: null };
  }

  async parseWebhook(): Promise<KycNotice> {
    throw new WebhookError('WEBHOOK.NOT_SUPPORTED', 'The manual KYC review receives no webhooks', { provider: 'manual' });
  }
}
