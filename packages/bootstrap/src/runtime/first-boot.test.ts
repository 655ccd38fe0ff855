import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestPlatform } from '../testing/test-platform.js';
import { createFirstBootLogins } from './first-boot.js';
import type { Platform } from './platform.js';

describe('first boot logins', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradesense-first-boot-'));
  const platforms: Platform[] = [];
  afterAll(async () => {
    for (const p of platforms) await p.close();
  });

  it('creates an admin and a demo trader once, in embedded mode, who can sign in', async () => {
    const platform = await startTestPlatform({ env: { TRADESENSE_DATA_DIR: dataDir } });
    platforms.push(platform);
    const logins = await createFirstBootLogins(platform);
    expect(logins).not.toBeNull();
    expect(await createFirstBootLogins(platform)).toBeNull();
    const admin = await platform.useCases.sessions.signIn(logins!.admin.email, logins!.admin.password);
    expect(admin.ok && admin.value.role).toBe('admin');
    const trader = await platform.useCases.sessions.signIn(logins!.trader.email, logins!.trader.password);
    expect(trader.ok && trader.value.role).toBe('trader');
    const file = join(dataDir, 'first-boot-logins.txt');
    expect(readFileSync(file, 'utf8')).toContain(logins!.admin.password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('never creates default accounts in server mode', async () => {
    const platform = await startTestPlatform({ env: { TRADESENSE_DATA_DIR: dataDir } });
    platforms.push(platform);
    const serverLike = { ...platform, config: { ...platform.config, mode: 'server' as const } };
    expect(await createFirstBootLogins(serverLike)).toBeNull();
  });
});
