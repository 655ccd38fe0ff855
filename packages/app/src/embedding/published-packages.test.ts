import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What an embedding team gets from `npm pack`: `@tradesense/domain` and
 * `@tradesense/application` are built, packed and installed from their
 * tarballs into a project outside the workspace, and the five-minute examples
 * of their READMEs run there and print what the READMEs say they print. The
 * domain's QA kit (`@tradesense/domain/testing`) ships in its tarball: the
 * property of docs/qa.md runs there too, with fast-check installed beside it
 * as its users install it.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const PACKAGES = ['domain', 'application'] as const;
/** The fast-check the workspace tests with: the QA kit's users install it as the kit's peer. */
const FAST_CHECK = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['fast-check']!;
type PackageName = (typeof PACKAGES)[number];

interface PackResult {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

/** npm and node without the settings of the `npm test` that runs this file (workspace, scripts). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}

function run(command: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // The compiler reports on stdout, npm on stderr: show both.
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** The fenced blocks of one language in a README, in order. */
function blocks(readme: string, language: string): string[] {
  return [...readme.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]!);
}

describe('the published domain and application packages', { timeout: 300_000 }, () => {
  const staging = mkdtempSync(join(tmpdir(), 'tradesense-packages-'));
  const scratch = mkdtempSync(join(tmpdir(), 'tradesense-embedding-'));
  const packed = new Map<PackageName, PackResult>();

  beforeAll(() => {
    for (const name of PACKAGES) {
      const source = join(ROOT, 'packages', name);
      const target = join(staging, name);
      mkdirSync(target, { recursive: true });
      // The package's own build configuration, writing into the staging copy; the application
      // compiles against the domain as built here, as an installed dependency would be.
      const config = join(staging, `tsconfig.${name}.json`);
      const paths = name === 'application' ? { '@tradesense/domain': [join(staging, 'domain', 'dist', 'index.d.ts')] } : {};
      writeFileSync(
        config,
        JSON.stringify({ extends: join(source, 'tsconfig.build.json'), compilerOptions: { outDir: join(target, 'dist'), paths, typeRoots: [join(ROOT, 'node_modules', '@types')] } }),
      );
      run(process.execPath, [TSC, '-p', config], ROOT);
      copyFileSync(join(source, 'package.json'), join(target, 'package.json'));
      copyFileSync(join(source, 'README.md'), join(target, 'README.md'));
      const [result] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', staging], target)) as PackResult[];
      packed.set(name, result!);
    }
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'embedding-check', private: true, type: 'module' }));
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--ignore-scripts',
        ...PACKAGES.map((name) => join(staging, packed.get(name)!.filename)),
        `fast-check@${FAST_CHECK}`,
      ],
      scratch,
    );
  });

  afterAll(() => {
    rmSync(staging, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it.each(PACKAGES)('ships @tradesense/%s as compiled modules, declarations and its README: no sources, tests or source maps', (name) => {
    const files = packed.get(name)!.files.map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts']));
    expect(files.filter((path) => /\.test\.|(^|\/)src\/|\.map$|tsconfig/.test(path))).toEqual([]);
    if (name === 'application') expect(files).toEqual(expect.arrayContaining(['dist/testing/index.js', 'dist/testing/index.d.ts']));
    if (name === 'domain') expect(files).toEqual(expect.arrayContaining(['dist/testing/index.js', 'dist/testing/index.d.ts']));
  });

  it.each(PACKAGES)('runs the five-minute example of @tradesense/%s from the installed tarball and prints what its README says', (name) => {
    const readme = readFileSync(join(ROOT, 'packages', name, 'README.md'), 'utf8');
    const [example] = blocks(readme, 'js');
    const [expected] = blocks(readme, 'text');
    expect(example).toBeDefined();
    const file = join(scratch, `${name}-example.mjs`);
    writeFileSync(file, example!);
    expect(run(process.execPath, [file], scratch)).toBe(expected);
  });

  it('runs the property of docs/qa.md against the QA kit of the installed domain tarball', () => {
    const guide = readFileSync(join(ROOT, 'docs', 'qa.md'), 'utf8');
    const [property] = blocks(guide, 'js');
    expect(property).toBeDefined();
    const file = join(scratch, 'daily-floor.property.mjs');
    writeFileSync(file, property!);
    // run() throws on a non-zero exit code, with the property's counterexample in the message.
    expect(run(process.execPath, [file], scratch)).toContain('at the floor it always does: 200 runs passed');
  });
});
