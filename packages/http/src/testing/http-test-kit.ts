import { ACCESS_TOKENS, CLOCK, UNIT_OF_WORK } from '@tradesense/application';
import { Challenge, ChallengeModel, DEFAULT_CALENDAR_SETTINGS, RuleSnapshot, STELLAR_2STEP, unwrap, type PhaseRecordData } from '@tradesense/domain';
import type { Platform } from '@tradesense/bootstrap';

let people = 0;

export interface Caller {
  readonly userId: string;
  /** Authorization header of this user's access token. */
  readonly headers: Readonly<Record<string, string>>;
}

/** A registered user (through the use case) with a fresh access token, for route tests. */
export async function caller(platform: Platform, role: 'trader' | 'admin' = 'trader', country = 'DE'): Promise<Caller> {
  people += 1;
  const registered = await platform.useCases.registerUser.execute({
    email: `${role}-${people}-${Date.now()}@example.com`,
    password: 'long enough password',
    country,
    displayName: `${role} ${people}`,
    ...(role === 'admin' ? { role } : {}),
  });
  if (!registered.ok) throw new Error(registered.error.code);
  const userId = registered.value.userId;
  const { token } = await platform.get(ACCESS_TOKENS).issue({ userId, role }, platform.get(CLOCK).now());
  return { userId, headers: { authorization: `Bearer ${token}` } };
}

/** JSON request helper bound to a server URL. */
export function client(baseUrl: () => string) {
  return async (method: string, path: string, who?: Caller | null, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(who?.headers ?? {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      json = text;
    }
    return { status: response.status, headers: response.headers, body: json as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}

type Call = ReturnType<typeof client>;

/** Buys the first catalog size through the simulated gateway and pays it by signed webhook; fulfilment opens the challenge. */
export async function buyChallenge(call: Call, baseUrl: string, trader: Caller): Promise<{ orderId: string; challengeId: string }> {
  const catalog = await call('GET', '/v1/catalog');
  const model = catalog.body.models[0];
  const placed = await call('POST', '/v1/orders', trader, { gatewayId: 'simulated', modelId: model.id, balance: model.sizes[0].balance });
  if (placed.status !== 201) throw new Error(`order: ${placed.status} ${JSON.stringify(placed.body)}`);
  const token = new URL(placed.body.checkout.redirectUrl).searchParams.get('token');
  const paid = await fetch(`${baseUrl}/v1/webhooks/simulated`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  if (paid.status !== 200) throw new Error(`webhook: ${paid.status}`);
  const order = await call('GET', `/v1/orders/${placed.body.order.id}`, trader);
  return { orderId: order.body.id, challengeId: order.body.challengeId };
}

let passed = 0;

/** A challenge with every phase passed, waiting for KYC (what a trader must have before verification starts). */
export async function pendingKycChallenge(platform: Platform, traderId: string): Promise<string> {
  passed += 1;
  const at = platform.get(CLOCK).now();
  const rules = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), '100000', DEFAULT_CALENDAR_SETTINGS));
  const id = `ch-http-${passed}-${Date.now()}`;
  const created = Challenge.create({ id, traderId, rules, at }).toState();
  const history: PhaseRecordData[] = Array.from({ length: rules.phaseCount }, (_, index) => ({
    phase: index + 1,
    attempt: 1,
    account: `${id}-p${index + 1}`,
    startedAt: at,
    endedAt: at,
    outcome: 'passed',
    tradingDays: [],
    finalBalance: rules.initialBalance.amount.times('1.1').toFixed(2),
    breach: null,
  }));
  const challenge = Challenge.restore({
    ...created,
    status: 'pending_kyc',
    phase: rules.phaseCount,
    phasePassed: true,
    account: `${id}-p${rules.phaseCount}`,
    phaseStartedAt: at,
    activatedAt: at,
    history,
  });
  await platform.get(UNIT_OF_WORK).run((tx) => tx.challenges.save(challenge));
  return id;
}
