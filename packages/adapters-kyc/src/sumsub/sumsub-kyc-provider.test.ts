import { createHmac } from 'node:crypto';
import { isKycProviderError, isWebhookError, type KycNotice, type WebhookRequest } from '@tradesense/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HmacDocumentNumberHasher } from '../document-number-hasher.js';
import { startFakeSumsub, type FakeSumsub } from '../testing/fake-sumsub-server.js';
import { TestClock } from '../testing/test-clock.js';
import { SumsubKycProvider, type SumsubConfig } from './sumsub-kyc-provider.js';

const APP_TOKEN = 'sbx:app-token';
const SECRET_KEY = 'sumsub-secret-key';
const WEBHOOK_SECRET = 'sumsub-webhook-secret';
const NOW = new Date('2026-03-10T12:00:00Z');
const hasher = new HmacDocumentNumberHasher('document-hash-key-of-at-least-32-chars');

let sumsub: FakeSumsub;
const provider = (overrides: Partial<SumsubConfig> = {}) =>
  new SumsubKycProvider(
    { appToken: APP_TOKEN, secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, levelName: 'basic-kyc-level', apiBaseUrl: sumsub.url, ...overrides },
    hasher,
    new TestClock(NOW),
  );

beforeAll(async () => {
  sumsub = await startFakeSumsub(APP_TOKEN, SECRET_KEY);
});
afterAll(() => sumsub.close());

/** Sumsub's webhook digest: hex HMAC of the raw body with the webhook secret, algorithm named in a header. */
function delivered(body: string, options: { secret?: string; alg?: 'HMAC_SHA256_HEX' | 'HMAC_SHA512_HEX' | 'HMAC_SHA1_HEX' | null } = {}): WebhookRequest {
  const alg = options.alg === undefined ? 'HMAC_SHA256_HEX' : options.alg;
  const algorithm = alg === 'HMAC_SHA512_HEX' ? 'sha512' : alg === 'HMAC_SHA1_HEX' ? 'sha1' : 'sha256';
  const digest = createHmac(algorithm, options.secret ?? WEBHOOK_SECRET).update(body).digest('hex');
  return {
    rawBody: Buffer.from(body),
    headers: { 'x-payload-digest': digest, ...(alg && { 'x-payload-digest-alg': alg }), 'content-type': 'application/json' },
  };
}

const reviewed = (reviewResult: Record<string, unknown>, createdAtMs = '2026-03-10 11:58:00.123') =>
  JSON.stringify({
    applicantId: '63e0f1c2a1b2c3d4e5f6a7b1',
    inspectionId: 'insp1',
    correlationId: 'req-5f1c9a1e',
    levelName: 'basic-kyc-level',
    externalUserId: 'usr_1',
    type: 'applicantReviewed',
    sandboxMode: true,
    reviewStatus: 'completed',
    createdAtMs,
    clientId: 'tradesense',
    reviewResult,
  });

const eventOf = (notice: KycNotice) => {
  if (notice.outcome !== 'event') throw new Error(`expected an event, got ${notice.rawType}`);
  return notice.event;
};

async function refusal(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('Sumsub signed requests', () => {
  it('creates the applicant and a WebSDK link, every request signed as documented', async () => {
    const start = await provider().startVerification({ caseId: 'kyc_1', userId: 'usr_1', email: 'trader@example.test', country: 'DE' });
    expect(start).toEqual({ providerApplicantId: '63e0f1c2a1b2c3d4e5f6a7b1', verificationUrl: 'https://in.sumsub.com/websdk/p/sbx_usr_1' });
    const [create, link] = sumsub.requests.slice(-2);
    expect(create!.target).toBe('/resources/applicants?levelName=basic-kyc-level');
    expect(JSON.parse(create!.body.toString())).toEqual({ externalUserId: 'usr_1', email: 'trader@example.test', fixedInfo: { country: 'DEU' } });
    expect(JSON.parse(link!.body.toString())).toEqual({
      levelName: 'basic-kyc-level',
      userId: 'usr_1',
      applicantIdentifiers: { email: 'trader@example.test' },
      ttlInSecs: 1800,
    });
    for (const request of [create!, link!]) {
      const ts = String(NOW.getTime() / 1000);
      // The reference: hex HMAC-SHA256(secret, ts + METHOD + path-with-query + body bytes).
      const reference = createHmac('sha256', SECRET_KEY).update(ts + request.method + request.target + request.body.toString('utf8')).digest('hex');
      expect(request.headers['x-app-token']).toBe(APP_TOKEN);
      expect(request.headers['x-app-access-ts']).toBe(ts);
      expect(request.headers['x-app-access-sig']).toBe(reference);
    }
    expect(sumsub.refused).toBe(0);
  });

  it('finds the existing applicant when the trader starts again', async () => {
    const again = await provider().startVerification({ caseId: 'kyc_2', userId: 'usr_1', email: 'trader@example.test', country: null });
    expect(again.providerApplicantId).toBe('63e0f1c2a1b2c3d4e5f6a7b1');
    expect(sumsub.requests.some((request) => request.target === '/resources/applicants/-;externalUserId=usr_1/one')).toBe(true);
    expect(sumsub.refused).toBe(0);
  });

  it('reports a refused signature as KYC.PROVIDER_REJECTED', async () => {
    const error = await refusal(() => provider({ secretKey: 'wrong' }).startVerification({ caseId: 'k', userId: 'usr_9', email: 'x@example.test', country: null }));
    expect(isKycProviderError(error, 'KYC.PROVIDER_REJECTED')).toBe(true);
  });
});

describe('Sumsub applicant status', () => {
  it('maps GREEN to approved and hands back the document number only as its keyed hash', async () => {
    sumsub.setApplicant('63e0f1c2a1b2c3d4e5f6a7b1', {
      review: { reviewStatus: 'completed', reviewResult: { reviewAnswer: 'GREEN' } },
      info: { idDocs: [{ idDocType: 'PASSPORT', country: 'FRA', number: '19AB12345' }] },
    });
    const status = await provider().applicantStatus('63e0f1c2a1b2c3d4e5f6a7b1');
    expect(status).toEqual({
      providerApplicantId: '63e0f1c2a1b2c3d4e5f6a7b1',
      decision: 'approved',
      reasons: [],
      comment: null,
      document: { type: 'passport', country: 'FR', numberHash: hasher.hash('19AB12345', 'FR') },
    });
    expect(JSON.stringify(status)).not.toContain('19AB12345');
  });

  it('maps RED RETRY and RED FINAL, and an unfinished review to in progress', async () => {
    const cases = [
      [{ reviewStatus: 'completed', reviewResult: { reviewAnswer: 'RED', reviewRejectType: 'RETRY', rejectLabels: ['DOCUMENT_PAGE_MISSING'] } }, 'rejected_retry'],
      [{ reviewStatus: 'completed', reviewResult: { reviewAnswer: 'RED', reviewRejectType: 'FINAL', rejectLabels: ['FORGERY'] } }, 'rejected_final'],
      [{ reviewStatus: 'pending' }, 'in_progress'],
    ] as const;
    for (const [review, decision] of cases) {
      sumsub.setApplicant('63e0f1c2a1b2c3d4e5f6a7b1', { review, info: {} });
      expect((await provider().applicantStatus('63e0f1c2a1b2c3d4e5f6a7b1')).decision).toBe(decision);
    }
  });
});

describe('Sumsub webhooks', () => {
  const green = reviewed({ reviewAnswer: 'GREEN' });

  it('turns applicantReviewed GREEN into exactly one approved decision', async () => {
    expect(eventOf(await provider().parseWebhook(delivered(green)))).toEqual({
      provider: 'sumsub',
      providerEventId: '63e0f1c2a1b2c3d4e5f6a7b1:applicantReviewed:2026-03-10 11:58:00.123',
      providerApplicantId: '63e0f1c2a1b2c3d4e5f6a7b1',
      userId: 'usr_1',
      decision: 'approved',
      reasons: [],
      comment: null,
      occurredAt: new Date('2026-03-10T11:58:00.123Z'),
      rawType: 'applicantReviewed',
    });
  });

  it('maps RED RETRY to rejected with retry allowed and RED FINAL to rejected for good', async () => {
    const retry = eventOf(
      await provider().parseWebhook(
        delivered(reviewed({ reviewAnswer: 'RED', reviewRejectType: 'RETRY', rejectLabels: ['BAD_PROOF_OF_ADDRESS'], moderationComment: 'Upload a recent utility bill.' })),
      ),
    );
    expect(retry).toMatchObject({ decision: 'rejected_retry', reasons: ['BAD_PROOF_OF_ADDRESS'], comment: 'Upload a recent utility bill.' });
    const final = eventOf(
      await provider().parseWebhook(delivered(reviewed({ reviewAnswer: 'RED', reviewRejectType: 'FINAL', rejectLabels: ['FORGERY', 'BLACKLIST'] }, '2026-03-10 11:59:00.000'))),
    );
    expect(final).toMatchObject({ decision: 'rejected_final', reasons: ['FORGERY', 'BLACKLIST'] });
  });

  it('reports a re-delivery with the same event id', async () => {
    const first = eventOf(await provider().parseWebhook(delivered(green)));
    expect(eventOf(await provider().parseWebhook(delivered(green, { alg: 'HMAC_SHA512_HEX' })))).toEqual(first);
  });

  it('refuses a forged digest, a tampered body and a missing or unknown algorithm', async () => {
    const requests = [
      delivered(green, { secret: SECRET_KEY }),
      { ...delivered(green), rawBody: Buffer.from(green.replace('GREEN', 'GREEM')) },
      delivered(green, { alg: null }),
      { ...delivered(green), headers: { ...delivered(green).headers, 'x-payload-digest-alg': 'HMAC_MD5_HEX' } },
      { rawBody: Buffer.from(green), headers: {} },
    ];
    for (const request of requests) {
      const error = await refusal(() => provider().parseWebhook(request));
      expect(isWebhookError(error, 'WEBHOOK.SIGNATURE_INVALID')).toBe(true);
    }
  });

  it('reports pending reviews as in progress, acknowledges other types, and refuses a RED without a reject type', async () => {
    const pending = JSON.stringify({ applicantId: 'a1', externalUserId: 'usr_1', type: 'applicantPending', reviewStatus: 'pending', createdAtMs: '2026-03-10 11:00:00.000' });
    expect(eventOf(await provider().parseWebhook(delivered(pending))).decision).toBe('in_progress');
    const created = JSON.stringify({ applicantId: 'a1', type: 'applicantCreated', createdAtMs: '2026-03-10 10:00:00.000' });
    expect(await provider().parseWebhook(delivered(created))).toEqual({
      outcome: 'ignored',
      provider: 'sumsub',
      providerEventId: 'a1:applicantCreated:2026-03-10 10:00:00.000',
      rawType: 'applicantCreated',
    });
    const error = await refusal(() => provider().parseWebhook(delivered(reviewed({ reviewAnswer: 'RED', rejectLabels: ['FORGERY'] }))));
    expect(isWebhookError(error, 'WEBHOOK.MALFORMED')).toBe(true);
  });
});
