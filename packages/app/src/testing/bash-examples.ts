import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The body of every ```bash fence of a Markdown text, in document order. */
export function bashBlocks(markdown: string): string[] {
  return [...markdown.replace(/\r\n/g, '\n').matchAll(/^```bash[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)].map((match) => match[1] ?? '');
}

export interface ExamplesRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** 1-based number of the block that was running when the script stopped (the failing one on a failure). */
  readonly lastBlock: number;
  readonly timedOut: boolean;
}

/**
 * Runs the blocks as one bash script under `set -euo pipefail`, so variables
 * carry from one block to the next as they do in a reader's shell, and the
 * first failing command stops the run. Before each block the script notes its
 * number in a file, which names the failing block afterwards. Asynchronous on
 * purpose: the server under test runs in this process and must keep serving
 * while bash waits for it.
 */
export async function runBashBlocks(
  blocks: readonly string[],
  options: { readonly cwd: string; readonly env: Readonly<Record<string, string>>; readonly timeoutMs: number },
): Promise<ExamplesRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'bash-examples-'));
  const marker = join(scratch, 'block');
  const script = [
    'set -euo pipefail',
    ...blocks.flatMap((block, index) => [`printf '%s\\n' ${index + 1} > "$__EXAMPLE_MARKER"`, block]),
  ].join('\n');
  const file = join(scratch, 'examples.sh');
  writeFileSync(file, `${script}\n`);
  try {
    return await new Promise<ExamplesRun>((resolve, reject) => {
      const child = spawn('bash', [file], {
        cwd: options.cwd,
        env: { ...options.env, __EXAMPLE_MARKER: marker },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so a timeout ends the commands it started too (they hold the output pipes).
        detached: true,
      });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // The group ended meanwhile.
        }
      }, options.timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (exitCode) => {
        clearTimeout(timer);
        let lastBlock = 0;
        try {
          lastBlock = Number(readFileSync(marker, 'utf8').trim());
        } catch {
          // The script stopped before its first block.
        }
        resolve({ exitCode, stdout, stderr, lastBlock, timedOut });
      });
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A failure report a reader can act on: which block, its source, and what bash printed last. */
export function describeFailure(blocks: readonly string[], run: ExamplesRun): string {
  const tail = (text: string) => text.split('\n').slice(-40).join('\n');
  return [
    run.timedOut ? `the examples timed out in block ${run.lastBlock}` : `block ${run.lastBlock} of ${blocks.length} failed (exit code ${run.exitCode})`,
    '--- block ---',
    blocks[run.lastBlock - 1] ?? '(none)',
    '--- stderr (tail) ---',
    tail(run.stderr),
    '--- stdout (tail) ---',
    tail(run.stdout),
  ].join('\n');
}
