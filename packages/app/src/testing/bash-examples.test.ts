import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bashBlocks, describeFailure, runBashBlocks } from './bash-examples.js';

const cwd = mkdtempSync(join(tmpdir(), 'bash-examples-test-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };

describe('bash examples of a Markdown document', () => {
  it('takes only the bash fences, in document order', () => {
    const markdown = [
      '# Title',
      '```bash',
      'A=1',
      '```',
      '```json',
      '{ "not": "run" }',
      '```',
      'text',
      '```sh',
      'echo not run either',
      '```',
      '```bash',
      'echo "$A"',
      'echo two',
      '```',
    ].join('\r\n');
    expect(bashBlocks(markdown)).toEqual(['A=1\n', 'echo "$A"\necho two\n']);
    expect(bashBlocks('no fences at all')).toEqual([]);
  });

  it('runs the blocks in one shell and stops at the first failing command, naming its block', async () => {
    const blocks = ['X=1', 'echo "x is $X"', 'test "$X" = 2\necho after the failure', 'echo never'];
    const run = await runBashBlocks(blocks, { cwd, env, timeoutMs: 10_000 });
    expect(run.exitCode).toBe(1);
    expect(run.lastBlock).toBe(3);
    expect(run.stdout).toBe('x is 1\n');
    expect(describeFailure(blocks, run)).toContain('block 3 of 4 failed (exit code 1)\n--- block ---\ntest "$X" = 2');
  });

  it('fails on an unset variable and on a failing command inside a pipeline', async () => {
    expect((await runBashBlocks(['echo "$NOT_SET"'], { cwd, env, timeoutMs: 10_000 })).exitCode).not.toBe(0);
    const piped = await runBashBlocks(['false | cat', 'echo reached'], { cwd, env, timeoutMs: 10_000 });
    expect(piped.exitCode).toBe(1);
    expect(piped.stdout).toBe('');
  });

  it('reports a run that outlives its time limit', async () => {
    const run = await runBashBlocks(['echo started', 'sleep 5'], { cwd, env, timeoutMs: 300 });
    expect(run).toMatchObject({ timedOut: true, lastBlock: 2, stdout: 'started\n' });
    expect(describeFailure(['echo started', 'sleep 5'], run)).toContain('the examples timed out in block 2');
  });
});
