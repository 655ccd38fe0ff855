import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run test:explore`: every test file holding a fast-check property, run
 * with a fresh seed per file and more runs than `npm test` gives them. A
 * failure prints its seed; `FC_SEED=<seed> npx vitest run <file>` replays it.
 */
function testFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...testFiles(path));
    else if (name.endsWith('.test.ts') && /\bfc\.(assert|check)\(/.test(readFileSync(path, 'utf8'))) found.push(path);
  }
  return found;
}

const files = testFiles('packages');
const runs = process.env.FC_NUM_RUNS ?? '1000';
process.stdout.write(`exploring ${files.length} property files with fresh seeds, ${runs} runs by default\n`);
const result = spawnSync('npx', ['vitest', 'run', ...files], {
  stdio: 'inherit',
  env: { ...process.env, FC_SEED: 'random', FC_NUM_RUNS: runs },
});
process.exit(result.status ?? 1);
