import {
  PAYMENT_GATEWAYS,
  TRADING_PLATFORM,
  UNIT_OF_WORK,
  type PaymentEvent,
  type TradingPlatform,
  type UnitOfWork,
} from '@tradesense/application';
import { SIMULATED_TRADING_SERVER, type SimulatedTradingServer } from '@tradesense/adapters-mt-bridge';
import { DATABASE } from '@tradesense/adapters-postgres';
import type { Platform } from '../runtime/platform.js';

/** Shared steps of the commerce integration suites, all through the real container. */

export function value<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
  return result.value;
}

export const code = (result: { ok: boolean; error?: { code: string } }): string => (result.ok ? 'ok' : result.error!.code);

export const knexOf = (platform: Platform) => platform.get(DATABASE).knex;
export const uowOf = (platform: Platform): UnitOfWork => platform.get(UNIT_OF_WORK);
export const simulatorOf = (platform: Platform): SimulatedTradingServer => platform.get(SIMULATED_TRADING_SERVER);

let people = 0;

export async function register(
  platform: Platform,
  input: { country?: string; role?: 'trader' | 'admin'; name?: string } = {},
): Promise<string> {
  people += 1;
  const name = input.name ?? 'buyer';
  const registered = await platform.useCases.registerUser.execute({
    email: `${name}-${people}-${Math.random().toString(36).slice(2, 8)}@example.com`,
    password: 'long enough password',
    country: input.country ?? 'DE',
    displayName: `${name} ${people}`,
    ...(input.role ? { role: input.role } : {}),
  });
  return value(registered).userId;
}

/** What the buyer's browser brings back from a simulated checkout link. */
export function linkParameters(redirectUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(new URL(redirectUrl).searchParams), ...extra };
}

/** The verified event the simulated gateway reports for a checkout link (what a webhook would carry). */
export async function simulatedEvent(platform: Platform, redirectUrl: string, extra: Record<string, string> = {}): Promise<PaymentEvent> {
  const notice = await platform.get(PAYMENT_GATEWAYS).get('simulated').completeCheckout!({ parameters: linkParameters(redirectUrl, extra) });
  if (notice.outcome !== 'event') throw new Error(`expected an event, got ${notice.rawType}`);
  return notice.event;
}

/** The real trading platform, observed: every account it creates is counted. */
export function countingPlatform(platform: Platform): { platform: TradingPlatform; created: () => number } {
  const real = platform.get(TRADING_PLATFORM);
  let created = 0;
  const observed = new Proxy(real, {
    get(target, property, receiver) {
      if (property === 'createAccount') {
        return async (...args: Parameters<TradingPlatform['createAccount']>) => {
          created += 1;
          return target.createAccount(...args);
        };
      }
      const member = Reflect.get(target, property, receiver) as unknown;
      return typeof member === 'function' ? (member as (...a: unknown[]) => unknown).bind(target) : member;
    },
  });
  return { platform: observed, created: () => created };
}

/** Outbox rows of a topic (optionally of one aggregate), oldest first. */
export async function outbox(platform: Platform, topic: string, aggregateId?: string): Promise<Record<string, unknown>[]> {
  const query = knexOf(platform)('outbox').where({ topic }).orderBy('id');
  if (aggregateId) void query.where({ aggregate_id: aggregateId });
  return ((await query) as { payload: Record<string, unknown> }[]).map((row) => row.payload);
}

export async function count(platform: Platform, table: string, where: Record<string, unknown> = {}): Promise<number> {
  const [row] = (await knexOf(platform)(table).where(where).count({ n: '*' })) as { n: string | number }[];
  return Number(row?.n ?? 0);
}
