import type { CursorPage, PageRequest } from '../../shared-kernel/cursor-page.js';

/** What a client did: signed in with a password, refreshed a session, or traded. */
export type ClientActivityKind = 'sign_in' | 'refresh' | 'trade';

/**
 * Where a request came from, as far as the API can tell: the client address
 * (behind the configured proxies), the device id the web app sends
 * (`X-Device-Id`; null when absent or malformed) and the user agent.
 */
export interface ClientContext {
  readonly ip: string | null;
  readonly deviceId: string | null;
  readonly userAgent: string | null;
}

/** The user agent is kept for a reviewer to read, not to parse: longer ones are cut here. */
export const USER_AGENT_MAX = 256;

export const NO_CLIENT: ClientContext = { ip: null, deviceId: null, userAgent: null };

export interface ClientActivityEntry {
  readonly userId: string;
  readonly kind: ClientActivityKind;
  /** The trading account's login, for a trade; null otherwise. */
  readonly login: string | null;
  readonly ip: string | null;
  readonly deviceId: string | null;
  readonly userAgent: string | null;
  readonly at: Date;
}

export interface StoredClientActivity extends ClientActivityEntry {
  /** Grows with each entry: the order of the log. */
  readonly id: string;
}

/**
 * Append-only evidence of where each sign-in and trade came from, so the
 * prohibited-strategy checks (docs/rules.md §15) can find accounts of
 * different traders used from one IP address or device. Entries are never
 * changed; every listing is newest first.
 */
export interface ClientActivityLog {
  record(entry: ClientActivityEntry): Promise<void>;
  listByUser(userId: string, page: PageRequest): Promise<CursorPage<StoredClientActivity>>;
  listByIp(ip: string, page: PageRequest): Promise<CursorPage<StoredClientActivity>>;
  listByDevice(deviceId: string, page: PageRequest): Promise<CursorPage<StoredClientActivity>>;
}

/** The context as stored: a user agent cut to its first USER_AGENT_MAX characters. */
export function clientActivityEntry(
  userId: string,
  kind: ClientActivityKind,
  login: string | null,
  client: ClientContext,
  at: Date,
): ClientActivityEntry {
  const userAgent = client.userAgent === null ? null : Array.from(client.userAgent).slice(0, USER_AGENT_MAX).join('');
  return { userId, kind, login, ip: client.ip, deviceId: client.deviceId, userAgent, at };
}
