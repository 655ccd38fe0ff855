import { Decimal } from '@tradesense/domain';
import { UNIT_OF_WORK } from '@tradesense/application';
import type { SimulatedTradingServer } from '@tradesense/adapters-mt-bridge';
import {
  Challenge,
  ChallengeModel,
  DEFAULT_CALENDAR_SETTINGS,
  RuleSnapshot,
  STELLAR_2STEP,
  unwrap,
  type ChallengeModelState,
  type PhaseRecordData,
} from '@tradesense/domain';
import type { Platform } from '../runtime/platform.js';
import { simulatorOf, value } from './challenge-fixtures.js';

/** Test data for the funding context, made through the use cases, the domain and the simulated platform. */

let people = 0;

export async function registerPerson(
  platform: Platform,
  input: { name?: string; country?: string; role?: 'trader' | 'admin' } = {},
): Promise<{ userId: string; email: string }> {
  people += 1;
  const email = `${input.name ?? 'trader'}-${people}-${Date.now()}@example.com`;
  const registered = await platform.useCases.registerUser.execute({
    email,
    password: 'long enough password',
    country: input.country ?? 'DE',
    displayName: `${input.name ?? 'Trader'} ${people}`,
    ...(input.role ? { role: input.role } : {}),
  });
  return { userId: value(registered).userId, email };
}

let challenges = 0;

/**
 * A challenge whose last phase is passed (`pending_kyc`), built through the
 * domain: created from a seeded model's frozen snapshot, then restored with
 * every phase recorded as passed, and saved through the challenges
 * repository.
 */
export async function pendingKycChallenge(
  platform: Platform,
  input: { traderId: string; at: Date; model?: ChallengeModelState; balance?: string },
): Promise<string> {
  challenges += 1;
  const rules = unwrap(
    RuleSnapshot.freeze(ChallengeModel.restore(input.model ?? STELLAR_2STEP), input.balance ?? '100000', DEFAULT_CALENDAR_SETTINGS),
  );
  const id = `ch-funding-${challenges}-${Date.now()}`;
  const created = Challenge.create({ id, traderId: input.traderId, rules, at: input.at }).toState();
  const history: PhaseRecordData[] = Array.from({ length: rules.phaseCount }, (_, index) => ({
    phase: index + 1,
    attempt: 1,
    account: `${id}-p${index + 1}`,
    startedAt: input.at,
    endedAt: input.at,
    outcome: 'passed',
    tradingDays: [],
    finalBalance: rules.initialBalance.amount.times('1.1').toFixed(2),
    breach: null,
  }));
  const passed = Challenge.restore({
    ...created,
    status: 'pending_kyc',
    phase: rules.phaseCount,
    phasePassed: true,
    account: `${id}-p${rules.phaseCount}`,
    phaseStartedAt: input.at,
    activatedAt: input.at,
    history,
  });
  await platform.get(UNIT_OF_WORK).run((tx) => tx.challenges.save(passed));
  return id;
}

/** KYC through the manual review, then the agreement signed: the trader ends funded. */
export async function fundTrader(platform: Platform, input: { traderId: string; adminId: string }) {
  const uc = platform.useCases;
  const started = value(await uc.startKyc.execute({ userId: input.traderId }));
  value(await uc.reviewKyc.execute({ adminId: input.adminId, kycCaseId: started.kycCaseId, decision: 'approve' }));
  const agreement = value(await uc.currentAgreement.execute());
  const signed = value(
    await uc.signAgreement.execute({
      userId: input.traderId,
      typedName: 'Ana Funded Trader',
      agreementVersion: agreement.version,
      textHash: agreement.textHash,
      ipAddress: '203.0.113.9',
      userAgent: 'vitest',
    }),
  );
  return { kycCaseId: started.kycCaseId, signatureId: signed.signatureId, fundedAccounts: signed.fundedAccounts };
}

const US30_SPREAD = new Decimal('2.00');

/** Quotes US30 (contract size 1, no commission) at `bid`, one spread wide, at `time`. */
export async function quoteUs30(server: SimulatedTradingServer, bid: string | Decimal, time: Date): Promise<void> {
  const price = new Decimal(bid);
  await server.pushTick({ symbol: 'US30', bid: price, ask: price.plus(US30_SPREAD), time });
}

/** Opens 10 lots of US30 at `time`; returns the position id. */
export async function openUs30(platform: Platform, login: string, time: Date, bid: string | Decimal = '39000'): Promise<string> {
  const server = simulatorOf(platform);
  await quoteUs30(server, bid, time);
  return (await server.placeMarketOrder({ login, symbol: 'US30', side: 'buy', volume: new Decimal(10) })).positionId;
}

/**
 * A round trip of 10 lots of US30 closed for exactly `profit` (no
 * commission on indices, no swap inside one trading day).
 */
export async function tradeUs30(platform: Platform, login: string, profit: string | Decimal, time: Date): Promise<void> {
  const server = simulatorOf(platform);
  const open = new Decimal('39000');
  const positionId = await openUs30(platform, login, time, open);
  const ask = open.plus(US30_SPREAD);
  await quoteUs30(server, ask.plus(new Decimal(profit).dividedBy(10)), new Date(time.getTime() + 60_000));
  await server.closePosition(positionId);
}
