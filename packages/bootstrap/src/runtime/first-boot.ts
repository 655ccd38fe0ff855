import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform } from './platform.js';

export interface FirstBootLogins {
  readonly admin: { readonly email: string; readonly password: string };
  readonly trader: { readonly email: string; readonly password: string };
}

const ADMIN_EMAIL = 'admin@tradesense.local';
const TRADER_EMAIL = 'demo-trader@tradesense.local';

/**
 * Embedded mode only: on the very first boot (no users yet) create an admin
 * and a demo trader with random passwords, and return them so the entry point
 * can print them once. A copy goes to the data directory (owner-only) for
 * whoever missed the console. Server installs never get default accounts.
 */
export async function createFirstBootLogins(platform: Platform): Promise<FirstBootLogins | null> {
  if (platform.config.mode !== 'embedded') return null;
  const existing = await platform.database.knex('users').count({ n: '*' }).first();
  if (Number(existing?.n ?? 0) > 0) return null;
  const logins: FirstBootLogins = {
    admin: { email: ADMIN_EMAIL, password: randomBytes(12).toString('base64url') },
    trader: { email: TRADER_EMAIL, password: randomBytes(12).toString('base64url') },
  };
  for (const [login, role] of [
    [logins.admin, 'admin'],
    [logins.trader, 'trader'],
  ] as const) {
    const result = await platform.useCases.registerUser.execute({
      email: login.email,
      password: login.password,
      country: 'GB',
      displayName: role === 'admin' ? 'Admin' : 'Demo Trader',
      role,
    });
    if (!result.ok) throw result.error;
  }
  writeFileSync(
    join(platform.config.dataDir, 'first-boot-logins.txt'),
    `admin  ${logins.admin.email}  ${logins.admin.password}\ntrader ${logins.trader.email}  ${logins.trader.password}\n`,
    { mode: 0o600 },
  );
  return logins;
}
