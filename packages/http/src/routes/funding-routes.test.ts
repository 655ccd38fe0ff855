import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AgreementSigned, FundedAccount, KycStatusView } from '../schemas/funding-schemas.js';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { caller, client, pendingKycChallenge, type Caller } from '../testing/http-test-kit.js';

describeEachPlatform('funding over HTTP', (ctx) => {
  let http: RunningHttpServer;
  let trader: Caller;
  let other: Caller;
  let admin: Caller;
  const call = client(() => http.url);
  beforeAll(async () => {
    http = await startHttpServer(ctx.platform);
    [trader, other, admin] = await Promise.all([caller(ctx.platform), caller(ctx.platform), caller(ctx.platform, 'admin')]);
    await pendingKycChallenge(ctx.platform, trader.userId);
  });
  afterAll(async () => {
    await http.stop();
  });

  let kycCaseId = '';

  it('starts KYC, takes the document, and an admin approves it from the review queue', async () => {
    expect((await call('GET', '/v1/kyc', trader)).body.status).toBe('not_started');
    const started = await call('POST', '/v1/kyc', trader);
    expect(started.body).toMatchObject({ status: expect.any(String) });
    expect(started.status).toBe(201);
    kycCaseId = started.body.kycCaseId;
    const submitted = await call('POST', '/v1/kyc/documents', trader, { documentType: 'passport', documentNumber: 'X1234567', issuingCountry: 'de' });
    expect(submitted.status).toBe(201);
    expect((await call('POST', '/v1/kyc/documents', trader, { documentType: 'passport' })).status).toBe(400);

    expect((await call('GET', '/v1/admin/kyc-cases', trader)).status).toBe(403);
    const queue = await call('GET', '/v1/admin/kyc-cases?status=in_progress', admin);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((k: { id: string }) => k.id)).toContain(kycCaseId);
    const reviewed = await call('POST', `/v1/admin/kyc-cases/${kycCaseId}/review`, admin, { decision: 'approve' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.status).toBe('approved');
    expect(KycStatusView.parse((await call('GET', '/v1/kyc', trader)).body).status).toBe('approved');
  });

  it('signs the agreement with the caller’s IP and user agent; only the signer downloads the PDF', async () => {
    const agreement = await call('GET', '/v1/agreement', trader);
    expect(agreement.status).toBe(200);
    const signed = await call(
      'POST', '/v1/agreement/signatures', trader,
      { typedName: 'Ana Trader', agreementVersion: agreement.body.version, textHash: agreement.body.textHash },
      { 'user-agent': 'route-test' },
    );
    expect(signed.status).toBe(201);
    AgreementSigned.parse(signed.body);
    const pdf = await fetch(`${http.url}/v1/agreement/signatures/${signed.body.signatureId}/pdf`, { headers: trader.headers });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
    expect((await call('GET', `/v1/agreement/signatures/${signed.body.signatureId}/pdf`, other)).status).toBe(404);
  });

  it('funds the approved, signed trader; the account, with its next reset, is theirs alone', async () => {
    const funded = await call('GET', '/v1/funded-accounts', trader);
    expect(funded.status).toBe(200);
    expect(funded.body.items).toHaveLength(1);
    const id = funded.body.items[0].fundedAccountId as string;
    const one = await call('GET', `/v1/funded-accounts/${id}`, trader);
    expect(one.status).toBe(200);
    FundedAccount.parse(one.body);
    expect(new Date(one.body.nextReset).getTime()).toBeGreaterThan(Date.now());
    expect(one.body.balance.amount).toMatch(/^\d+\.\d{2}$/);
    expect((await call('GET', `/v1/funded-accounts/${id}`, other)).status).toBe(404);
    expect((await call('POST', `/v1/funded-accounts/${id}/payouts`, other, undefined, { 'idempotency-key': 'payout-other-1' })).status).toBe(404);
    // No profit yet: refused as a business rule, not as a missing resource.
    const early = await call('POST', `/v1/funded-accounts/${id}/payouts`, trader, undefined, { 'idempotency-key': 'payout-early-1' });
    expect(early.status).toBe(422);
    expect((await call('GET', '/v1/funded-accounts', other)).body).toEqual({ items: [] });
  });

  it('lists payouts and certificates, and hides others’ resources', async () => {
    expect((await call('GET', '/v1/payouts', trader)).body.items).toEqual([]);
    expect((await call('GET', '/v1/certificates', trader)).body).toEqual({ items: [] });
    expect((await call('GET', '/v1/funded-accounts/no-such-account', other)).status).toBe(404);
    expect((await call('POST', '/v1/funded-accounts/no-such-account/payouts', other)).status).toBe(404);
    const verify = await call('GET', '/v1/certificates/unknown-certificate/verify');
    expect(verify.status).toBe(200);
    expect(verify.body.valid).toBe(false);
    expect((await call('GET', '/v1/admin/payouts', admin)).status).toBe(200);
    expect((await call('GET', '/v1/admin/payouts', trader)).status).toBe(403);
    expect((await call('POST', '/v1/admin/payouts/some-payout/approve', trader)).status).toBe(403);
    expect((await call('POST', '/v1/admin/payouts/some-payout/approve', admin)).status).toBe(404);
    expect((await call('POST', '/v1/admin/payouts/some-payout/reject', admin, {})).status).toBe(400);
    expect((await call('POST', '/v1/admin/payouts/some-payout/reject', admin, { reason: 'documents missing' })).status).toBe(404);
    expect((await call('POST', '/v1/admin/payouts/some-payout/mark-paid', admin, { paymentReference: 'wire-1' })).status).toBe(404);
  });

  it('refuses a KYC webhook the provider cannot verify with 400, changing nothing', async () => {
    const before = (await call('GET', '/v1/kyc', trader)).body;
    const provider = before.provider as string;
    const response = await fetch(`${http.url}/v1/webhooks/kyc/${provider}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ applicantId: kycCaseId, reviewResult: { reviewAnswer: 'RED' } }),
    });
    expect(response.status).toBe(400);
    expect((await call('GET', '/v1/kyc', trader)).body).toEqual(before);
  });
});
