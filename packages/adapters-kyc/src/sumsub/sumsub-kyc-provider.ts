import {
  KycProviderError,
  WebhookError,
  type Clock,
  type DocumentNumberHasher,
  type KycApplicantStatus,
  type KycNotice,
  type KycProvider,
  type StartVerificationRequest,
  type VerificationStart,
  type VerifiedDocument,
  type WebhookRequest,
} from '@tradesense/application';
import { whereAlpha2, whereAlpha3 } from 'iso-3166-1';
import { SumsubClient, type SumsubApiConfig } from './sumsub-client.js';
import {
  asObject,
  optionalObjectAt,
  optionalStringAt,
  stringAt,
  SumsubPayloadError,
  type JsonObject,
} from './sumsub-payload.js';
import { reviewOutcome, type ReviewOutcome } from './sumsub-review.js';
import { verifySumsubWebhook } from './sumsub-webhook-signature.js';

export interface SumsubConfig extends SumsubApiConfig {
  /** The secret key set on the webhook in Sumsub's dashboard. */
  readonly webhookSecret: string;
  /** The verification level the trader goes through (e.g. "basic-kyc-level"). */
  readonly levelName: string;
  /** How long a WebSDK link works; default 30 minutes. */
  readonly linkTtlSeconds?: number;
}

/** Webhook types that only say the review is under way. */
const PROGRESS_TYPES = new Set(['applicantPending', 'applicantOnHold', 'applicantPrechecked']);

const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  PASSPORT: 'passport',
  ID_CARD: 'national_id',
  DRIVERS: 'driving_license',
  RESIDENCE_PERMIT: 'residence_permit',
};

/**
 * Sumsub behind the KYC port: signed API calls (App Token scheme) to create
 * the applicant (the trader id as external user id), issue a WebSDK link and
 * read the review; webhooks verified by X-Payload-Digest before mapping.
 */
export class SumsubKycProvider implements KycProvider {
  readonly id = 'sumsub' as const;
  private readonly client: SumsubClient;

  constructor(
    private readonly config: SumsubConfig,
    private readonly hasher: DocumentNumberHasher,
    clock: Clock,
  ) {
    this.client = new SumsubClient(config, clock);
  }

  async startVerification(request: StartVerificationRequest): Promise<VerificationStart> {
    const country = request.country ? whereAlpha2(request.country)?.alpha3 : undefined;
    const created = await this.client.request(
      'POST',
      `/resources/applicants?levelName=${encodeURIComponent(this.config.levelName)}`,
      { externalUserId: request.userId, email: request.email, ...(country && { fixedInfo: { country } }) },
      [409],
    );
    // 409: the trader already has an applicant (a second case, or a retried start); reuse it.
    const applicant =
      created.status === 409
        ? await this.client.request('GET', `/resources/applicants/-;externalUserId=${encodeURIComponent(request.userId)}/one`)
        : created;
    const link = await this.client.request('POST', '/resources/sdkIntegrations/levels/-/websdkLink', {
      levelName: this.config.levelName,
      userId: request.userId,
      applicantIdentifiers: { email: request.email },
      ttlInSecs: this.config.linkTtlSeconds ?? 1800,
    });
    return this.read(() => ({
      providerApplicantId: stringAt(asObject(applicant.body, 'applicant'), 'id'),
      verificationUrl: stringAt(asObject(link.body, 'link'), 'url'),
    }));
  }

  async applicantStatus(providerApplicantId: string): Promise<KycApplicantStatus> {
    const { body } = await this.client.request('GET', `/resources/applicants/${encodeURIComponent(providerApplicantId)}/one`);
    return this.read(() => {
      const applicant = asObject(body, 'applicant');
      const review = optionalObjectAt(applicant, 'review');
      const outcome = reviewOutcome(
        review ? optionalStringAt(review, 'reviewStatus') : null,
        review ? optionalObjectAt(review, 'reviewResult') : null,
      );
      return { providerApplicantId: stringAt(applicant, 'id'), ...outcome, document: this.documentOf(applicant) };
    });
  }

  async parseWebhook(request: WebhookRequest): Promise<KycNotice> {
    verifySumsubWebhook(this.config.webhookSecret, request);
    try {
      return mapSumsubWebhook(JSON.parse(request.rawBody.toString('utf8')));
    } catch (error) {
      if (error instanceof SumsubPayloadError || error instanceof SyntaxError) {
        throw new WebhookError('WEBHOOK.MALFORMED', `Sumsub webhook: ${error.message}`, { provider: 'sumsub' });
      }
      throw error;
    }
  }

  /** The first identity document with a number, its number reduced to the keyed hash here. */
  private documentOf(applicant: JsonObject): VerifiedDocument | null {
    const info = optionalObjectAt(applicant, 'info');
    const documents = info && Array.isArray(info['idDocs']) ? info['idDocs'] : [];
    for (const entry of documents) {
      const document = asObject(entry, 'idDoc');
      const number = optionalStringAt(document, 'number');
      if (!number) continue;
      const alpha3 = optionalStringAt(document, 'country');
      const country = alpha3 ? (whereAlpha3(alpha3)?.alpha2 ?? null) : null;
      const kind = optionalStringAt(document, 'idDocType') ?? 'unknown';
      return {
        type: DOCUMENT_TYPES[kind] ?? kind.toLowerCase(),
        country,
        numberHash: country ? this.hasher.hash(number, country) : null,
      };
    }
    return null;
  }

  private read<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof SumsubPayloadError) {
        throw new KycProviderError('KYC.PROVIDER_UNAVAILABLE', `Sumsub answered unexpectedly: ${error.message}`, { provider: 'sumsub' });
      }
      throw error;
    }
  }
}

function mapSumsubWebhook(value: unknown): KycNotice {
  const body = asObject(value, 'body');
  const type = stringAt(body, 'type');
  const applicantId = stringAt(body, 'applicantId');
  const createdAt = optionalStringAt(body, 'createdAtMs') ?? stringAt(body, 'createdAt');
  // Sumsub re-sends the same body on retries; applicant, type and creation instant name the event.
  const providerEventId = `${applicantId}:${type}:${createdAt}`;
  if (type !== 'applicantReviewed' && !PROGRESS_TYPES.has(type)) {
    return { outcome: 'ignored', provider: 'sumsub', providerEventId, rawType: type };
  }
  let outcome: ReviewOutcome = { decision: 'in_progress', reasons: [], comment: null };
  if (type === 'applicantReviewed') {
    const result = optionalObjectAt(body, 'reviewResult');
    if (!result) throw new SumsubPayloadError('applicantReviewed without reviewResult');
    outcome = reviewOutcome(optionalStringAt(body, 'reviewStatus') ?? 'completed', result);
  }
  return {
    outcome: 'event',
    event: {
      provider: 'sumsub',
      providerEventId,
      providerApplicantId: applicantId,
      userId: optionalStringAt(body, 'externalUserId'),
      decision: outcome.decision,
      reasons: outcome.reasons,
      comment: outcome.comment,
      occurredAt: sumsubInstant(createdAt),
      rawType: type,
    },
  };
}

/** Sumsub writes UTC instants without a zone: "2026-03-10 11:58:00.123". */
function sumsubInstant(value: string): Date {
  const instant = new Date(`${value.trim().replace(' ', 'T')}Z`);
  if (Number.isNaN(instant.getTime())) throw new SumsubPayloadError(`createdAt is not an instant: ${value}`);
  return instant;
}
