import { parseArgs } from 'node:util';

/**
 * `npm run admin -- create-admin --email …`: administration from the shell,
 * against the same configuration as the servers (DATABASE_URL, or the
 * embedded data directory). Exit codes: 0 done, 1 refused, 2 bad usage.
 */
const USAGE = `Usage:
  npm run admin -- create-admin --email <address> [--name <display name>] [--country <ISO code>] [--password-stdin]

  Creates an admin. Without --password-stdin a strong password is generated and printed once;
  with it, the first line of standard input is the password (it must pass the password policy).`;

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'create-admin') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let options;
  try {
    options = parseArgs({
      args: [...rest],
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        country: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!options.email) {
    process.stderr.write(`--email is required\n${USAGE}\n`);
    return 2;
  }
  const password = options['password-stdin'] ? await readPassword() : undefined;
  // Loaded only now: a usage mistake is answered without loading the platform.
  const { createAdmin, createLogger, loadConfig, startPlatform } = await import('@tradesense/bootstrap');
  const config = loadConfig();
  // Only warnings and errors: the output is the answer, not the platform's start-up log.
  const platform = await startPlatform(config, createLogger(config.logLevel === 'silent' ? 'silent' : 'warn', { process: 'admin-cli' }));
  try {
    const created = await createAdmin(platform, {
      email: options.email,
      ...(password !== undefined ? { password } : {}),
      ...(options.name ? { displayName: options.name } : {}),
      ...(options.country ? { country: options.country.toUpperCase() } : {}),
    });
    if (!created.ok) {
      const advice = (created.error.details['advice'] as string[] | undefined) ?? [];
      process.stderr.write([`refused: ${created.error.code}: ${created.error.message}`, ...advice.map((line) => `  ${line}`)].join('\n') + '\n');
      return 1;
    }
    const { userId, email, generated } = created.value;
    process.stdout.write(`admin created: ${email} (user ${userId})\n`);
    if (generated) process.stdout.write(`password (shown once): ${created.value.password}\n`);
    return 0;
  } finally {
    await platform.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
