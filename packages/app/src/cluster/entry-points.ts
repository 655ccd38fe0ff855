import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcessKind } from './cluster-plan.js';

/**
 * How to start a process of the cluster: the compiled entry points when the
 * supervisor runs from `dist` (`npm run start:cluster`), the sources with the
 * supervisor's own Node options (tsx, the source condition) when it runs
 * from `src` (tests).
 */
export function entryPoint(kind: ProcessKind): { readonly command: string; readonly args: readonly string[] } {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  // packages/app/{src|dist}/cluster/entry-points.{ts|js} → packages/<kind>/{src|dist}/main.{ts|js}
  const packages = join(dirname(here), '..', '..', '..');
  const main = join(packages, kind, fromSource ? 'src' : 'dist', fromSource ? 'main.ts' : 'main.js');
  return { command: process.execPath, args: [...process.execArgv, main] };
}
