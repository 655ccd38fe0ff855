import { Decimal } from '@tradesense/domain';
import { SIMULATED_TRADING_SERVER, describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PositionList, TradeFill } from '../schemas/trading-schemas.js';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { caller, client, pendingKycChallenge, type Caller } from '../testing/http-test-kit.js';

describeEachPlatform('funded account trading over HTTP', (ctx) => {
  let http: RunningHttpServer;
  let trader: Caller;
  let other: Caller;
  let admin: Caller;
  let fundedAccountId = '';
  const call = client(() => http.url);
  const quoteUs30 = async (bid: string) => {
    const server = ctx.platform.get(SIMULATED_TRADING_SERVER);
    await server.pushTick({ symbol: 'US30', bid: new Decimal(bid), ask: new Decimal(bid).plus(2), time: server.now() });
  };

  beforeAll(async () => {
    http = await startHttpServer(ctx.platform);
    [trader, other, admin] = await Promise.all([caller(ctx.platform), caller(ctx.platform), caller(ctx.platform, 'admin')]);
    await pendingKycChallenge(ctx.platform, trader.userId);
    const kyc = await call('POST', '/v1/kyc', trader);
    await call('POST', '/v1/kyc/documents', trader, { documentType: 'passport', documentNumber: 'F7654321', issuingCountry: 'DE' });
    expect((await call('POST', `/v1/admin/kyc-cases/${kyc.body.kycCaseId}/review`, admin, { decision: 'approve' })).status).toBe(200);
    const agreement = (await call('GET', '/v1/agreement', trader)).body;
    const signed = await call('POST', '/v1/agreement/signatures', trader, {
      typedName: 'Fay Funded',
      agreementVersion: agreement.version,
      textHash: agreement.textHash,
    });
    fundedAccountId = signed.body.fundedAccounts[0].fundedAccountId;
  });
  afterAll(async () => {
    await http.stop();
  });

  it('opens, lists and closes a position on the trader’s own funded account', async () => {
    await quoteUs30('39000.00');
    const filled = await call('POST', `/v1/funded-accounts/${fundedAccountId}/trades`, trader, { symbol: 'US30', side: 'buy', volume: '2.00' });
    expect(filled.status).toBe(201);
    expect(TradeFill.parse(filled.body).price).toBe('39002');
    await quoteUs30('39102.50');
    const positions = await call('GET', `/v1/funded-accounts/${fundedAccountId}/positions`, trader);
    expect(positions.status).toBe(200);
    expect(PositionList.parse(positions.body).items).toEqual([
      expect.objectContaining({ positionId: filled.body.positionId, symbol: 'US30', side: 'buy', volume: '2', openPrice: '39002', profit: '201.00' }),
    ]);
    const closed = await call('DELETE', `/v1/funded-accounts/${fundedAccountId}/positions/${filled.body.positionId}`, trader);
    expect(closed.status).toBe(200);
    expect(closed.body.dealId).toEqual(expect.any(String));
    expect((await call('GET', `/v1/funded-accounts/${fundedAccountId}/positions`, trader)).body.items).toEqual([]);
    // The deal reaches the funded account through the funded deal feed.
    expect((await ctx.platform.useCases.recordFundedDeals.execute({ fundedAccountId })).ok).toBe(true);
    expect((await call('GET', `/v1/funded-accounts/${fundedAccountId}`, trader)).body.balance).toEqual({ amount: '100201.00', currency: 'USD' });
  });

  it('hides the account from other traders and refuses admins, bad volumes and unknown positions', async () => {
    await quoteUs30('39000.00');
    const order = { symbol: 'US30', side: 'buy', volume: '1.00' };
    const foreign = await call('POST', `/v1/funded-accounts/${fundedAccountId}/trades`, other, order);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('TRADING.ACCOUNT_NOT_FOUND');
    expect((await call('GET', `/v1/funded-accounts/${fundedAccountId}/positions`, other)).status).toBe(404);
    expect((await call('POST', `/v1/funded-accounts/${fundedAccountId}/trades`, admin, order)).status).toBe(403);
    expect((await call('POST', `/v1/funded-accounts/${fundedAccountId}/trades`, null, order)).status).toBe(401);
    expect((await call('POST', `/v1/funded-accounts/${fundedAccountId}/trades`, trader, { ...order, volume: '0' })).status).toBe(400);
    const opened = await call('POST', `/v1/funded-accounts/${fundedAccountId}/trades`, trader, order);
    expect((await call('DELETE', `/v1/funded-accounts/${fundedAccountId}/positions/${opened.body.positionId}`, other)).status).toBe(404);
    expect((await call('DELETE', `/v1/funded-accounts/${fundedAccountId}/positions/999999`, trader)).status).toBe(404);
    expect((await call('GET', `/v1/funded-accounts/${fundedAccountId}/positions`, trader)).body.items).toHaveLength(1);
  });
});
