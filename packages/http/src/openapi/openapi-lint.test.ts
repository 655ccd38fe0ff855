import type { Platform } from '@tradesense/bootstrap';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { allRoutes } from '../routes/all-routes.js';
import { openApiDocument } from './openapi-document.js';

/**
 * Lints the generated OpenAPI document with Spectral (spectral:oas and the
 * OWASP API Security ruleset, configured in .spectral.yaml at the repository
 * root). Any error-severity result fails; warnings are printed.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const spectral = join(dirname(createRequire(import.meta.url).resolve('@stoplight/spectral-cli/package.json')), 'dist/index.js');
const work = mkdtempSync(join(tmpdir(), 'tradesense-openapi-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Routes only need the platform inside their handlers, which the lint never calls. */
function routesWithoutPlatform() {
  const inert: unknown = new Proxy(() => inert, { get: (_target, key) => (key === 'then' ? undefined : inert), apply: () => inert });
  return allRoutes({ useCases: inert, get: () => inert } as unknown as Platform);
}

interface SpectralResult {
  readonly code: string;
  readonly message: string;
  readonly path: readonly (string | number)[];
  readonly severity: number;
}

it('passes Spectral (spectral:oas and the OWASP API Security ruleset) without an error', async () => {
  const file = join(work, 'openapi.json');
  writeFileSync(file, JSON.stringify(openApiDocument(routesWithoutPlatform(), 'https://api.tradesense.example'), null, 2));
  const output = await new Promise<string>((done, fail) => {
    execFile(
      process.execPath,
      [spectral, 'lint', file, '--ruleset', join(root, '.spectral.yaml'), '--format', 'json', '--quiet', '--fail-severity', 'error'],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // Exit code 1 means results at the fail severity; anything else (a ruleset that does not load) is a failure to lint.
        if (error && error.code !== 1) fail(new Error(`spectral failed: ${stderr || error.message}`));
        else done(stdout);
      },
    );
  });
  const results = JSON.parse(output.trim() || '[]') as SpectralResult[];
  const describe = (result: SpectralResult) => `${result.code} at ${result.path.join('.')}: ${result.message}`;
  const warnings = results.filter((result) => result.severity > 0);
  if (warnings.length > 0) console.info(`Spectral: ${warnings.length} warnings\n${warnings.slice(0, 20).map(describe).join('\n')}`);
  expect(results.filter((result) => result.severity === 0).map(describe)).toEqual([]);
}, 120_000);
