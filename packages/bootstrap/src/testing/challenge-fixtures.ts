import { TRADING_PLATFORM, UNIT_OF_WORK, type Deal } from '@tradesense/application';
import { SIMULATED_TRADING_SERVER, type SimulatedTradingServer } from '@tradesense/adapters-mt-bridge';
import { DATABASE } from '@tradesense/adapters-postgres';
import {
  Challenge,
  ChallengeModel,
  DEFAULT_CALENDAR_SETTINGS,
  Decimal,
  RuleSnapshot,
  STELLAR_2STEP,
  TradingAccount,
  unwrap,
  type ChallengeModelState,
} from '@tradesense/domain';
import type { Platform } from '../runtime/platform.js';

/** Test data for the challenges context, made through the domain, the repositories and the simulated platform. */

export function value<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
  return result.value;
}

export const code = (result: { ok: boolean; error?: { code: string } }): string => (result.ok ? 'ok' : result.error!.code);

export const simulatorOf = (platform: Platform): SimulatedTradingServer => platform.get(SIMULATED_TRADING_SERVER);

export const knexOf = (platform: Platform) => platform.get(DATABASE).knex;

let traders = 0;

export async function registerTrader(platform: Platform, name = 'trader'): Promise<string> {
  traders += 1;
  const registered = await platform.useCases.registerUser.execute({
    email: `${name}-${traders}-${Date.now()}@example.com`,
    password: 'long enough password',
    country: 'DE',
    displayName: `${name} ${traders}`,
  });
  return value(registered).userId;
}

export interface OpenedChallenge {
  readonly challengeId: string;
  readonly login: string;
}

let challenges = 0;

/**
 * An active challenge on a fresh simulated account, as fulfilment would make
 * it: the rule snapshot frozen from a seeded model, the account created with
 * the snapshot's initial balance and leverage.
 */
export async function openChallenge(
  platform: Platform,
  input: { traderId: string; at: Date; model?: ChallengeModelState; balance?: string; id?: string },
): Promise<OpenedChallenge> {
  challenges += 1;
  const rules = unwrap(
    RuleSnapshot.freeze(ChallengeModel.restore(input.model ?? STELLAR_2STEP), input.balance ?? '100000', DEFAULT_CALENDAR_SETTINGS),
  );
  const account = await platform.get(TRADING_PLATFORM).createAccount({
    group: 'tradesense-test',
    leverage: rules.parameters.leverage,
    initialBalance: rules.initialBalance.amount,
    swapFree: false,
    name: 'Test Trader',
  });
  const challenge = Challenge.create({ id: input.id ?? `ch-${challenges}-${Date.now()}`, traderId: input.traderId, rules, at: input.at });
  unwrap(challenge.activate(account.login, input.at));
  // Its phase account is watched from the start, as a fulfilled order's is (docs/rules.md §4).
  const owner = { kind: 'challenge_phase', id: challenge.id, phase: 1, attempt: 1 } as const;
  const watched = unwrap(TradingAccount.open({ login: account.login, traderId: input.traderId, owner, rules, at: input.at }));
  await platform.get(UNIT_OF_WORK).run(async (tx) => {
    await tx.challenges.save(challenge);
    await tx.tradingAccounts.save(watched);
  });
  return { challengeId: challenge.id, login: account.login };
}

/** A quote with a one-pip spread at `time` (the simulator's clock follows it). */
export async function quote(server: SimulatedTradingServer, symbol: string, bid: string, time: Date, spread = '0.00010'): Promise<void> {
  const price = new Decimal(bid);
  await server.pushTick({ symbol, bid: price, ask: price.plus(spread), time });
}

/** Every deal the platform booked on an account, oldest first. */
export async function platformDeals(platform: Platform, login: string): Promise<readonly Deal[]> {
  return platform.get(TRADING_PLATFORM).dealsAfter(login, null, 10_000);
}

export async function outboxPayloads(platform: Platform, aggregateId: string, topic: string): Promise<Record<string, unknown>[]> {
  const rows = (await knexOf(platform)('outbox').where({ aggregate_id: aggregateId, topic }).orderBy('id')) as {
    payload: Record<string, unknown>;
  }[];
  return rows.map((row) => row.payload);
}
