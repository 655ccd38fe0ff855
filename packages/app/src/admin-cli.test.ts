import { createLogger, loadConfig, startPlatform } from '@tradesense/bootstrap';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = join(dirname(fileURLToPath(import.meta.url)), 'admin-cli.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'tradesense-admin-cli-'));
const env = { ...process.env, TRADESENSE_DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' } as Record<string, string>;
delete env['DATABASE_URL'];

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the CLI as an operator would (a separate process), with optional standard input. */
function run(args: readonly string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@tradesense/source', '--import', 'tsx', CLI, ...args], { env, cwd: dirname(CLI) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

async function signIn(email: string, password: string): Promise<string> {
  const platform = await startPlatform(loadConfig(env), createLogger('silent'));
  try {
    const session = await platform.useCases.sessions.signIn(email, password);
    return session.ok ? session.value.role : session.error.code;
  } finally {
    await platform.close();
  }
}

// Each case starts the command as its own process (the platform's sources through tsx), which is slow on a busy machine.
describe('npm run admin -- create-admin', { timeout: 300_000 }, () => {
  it('creates an admin with a generated password shown once, who can sign in', async () => {
    const created = await run(['create-admin', '--email', 'Boss@Firm.example', '--name', 'The Boss']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^admin created: boss@firm\.example \(user [\w-]+\)\n/);
    const password = /password \(shown once\): (\S+)/.exec(created.stdout)?.[1];
    expect(password).toBeDefined();
    expect(await signIn('boss@firm.example', password!)).toBe('admin');
  });

  it('takes a chosen password from standard input, and refuses a weak one or a taken e-mail without changing anything', async () => {
    const weak = await run(['create-admin', '--email', 'ops@firm.example', '--password-stdin'], 'password1\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('USER.WEAK_PASSWORD');
    const chosen = await run(['create-admin', '--email', 'ops@firm.example', '--password-stdin'], 'Granite-Meadow-Compass-77\n');
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).not.toContain('Granite-Meadow-Compass-77');
    expect(await signIn('ops@firm.example', 'Granite-Meadow-Compass-77')).toBe('admin');
    const taken = await run(['create-admin', '--email', 'OPS@firm.example']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('USER.EMAIL_TAKEN');
  });

  it('explains its usage on a wrong command or option', async () => {
    expect((await run(['create-user'])).code).toBe(2);
    const missing = await run(['create-admin']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--email is required');
    expect((await run(['create-admin', '--email', 'x@firm.example', '--rol', 'admin'])).code).toBe(2);
  });
});
