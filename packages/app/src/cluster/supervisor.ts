import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { ClusterPlan, ClusterProcess } from './cluster-plan.js';
import { entryPoint } from './entry-points.js';

export interface ClusterChild {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code, or the signal that ended it. */
  readonly exited: Promise<string>;
}

export interface RunningCluster {
  readonly children: readonly ClusterChild[];
  /**
   * Sends `signal` once to every child still running (and starts no more);
   * safe to call again. The processes stop cleanly on SIGINT and SIGTERM.
   */
  stop(signal: NodeJS.Signals): void;
  /** Resolves once every child started has exited: 0 when all stopped cleanly, 1 otherwise. */
  readonly exited: Promise<number>;
}

export interface SupervisorOptions {
  /** Where the prefixed lines go (the supervisor's stdout). */
  readonly out: Writable;
  /** How long the first API process may take to apply migrations and answer /ready. */
  readonly readyTimeoutMs?: number;
}

/**
 * Starts the plan's processes with their output prefixed by name (`api-1 |`),
 * the first API process alone until it answers /ready (it migrates), then
 * the rest. One child ending on its own stops the others: the cluster lives
 * and stops as one. Children run in process groups of their own, so the
 * terminal's Ctrl-C reaches only the supervisor, which passes exactly one
 * signal on (a second one makes a process exit at once, without cleaning up).
 */
export function startCluster(plan: ClusterPlan, options: SupervisorOptions): RunningCluster {
  const width = Math.max('cluster'.length, ...plan.processes.map((p) => p.name.length));
  const say = (name: string, line: string) => options.out.write(`${name.padEnd(width)} | ${line}\n`);
  const running = new Map<string, ChildProcess>();
  const children: ClusterChild[] = [];
  let stopping = false;
  let failed = false;

  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    say('cluster', `stopping: ${signal} to ${[...running.keys()].join(', ') || 'no process'}`);
    for (const child of running.values()) child.kill(signal);
  };

  const launch = (process: ClusterProcess): ClusterChild => {
    const { command, args } = entryPoint(process.kind);
    const child = spawn(command, args, { env: { ...plan.env, ...process.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => say(process.name, line));
    running.set(process.name, child);
    const exited = new Promise<string>((resolve) => {
      child.once('exit', (code, signal) => {
        running.delete(process.name);
        const how = signal ?? String(code);
        say('cluster', `${process.name} exited (${signal ? `signal ${signal}` : `code ${code}`})`);
        // Stopped by the cluster: a clean exit, or the signal itself. Anything else is a failure, and ends the cluster.
        if (!(stopping && (code === 0 || signal !== null))) failed = true;
        if (!stopping) stop('SIGTERM');
        resolve(how);
      });
      child.once('error', (error) => {
        say('cluster', `${process.name} could not start: ${error.message}`);
        running.delete(process.name);
        failed = true;
        if (!stopping) stop('SIGTERM');
        resolve('error');
      });
    });
    const started = { name: process.name, pid: child.pid ?? -1, exited };
    children.push(started);
    say('cluster', `${process.name} started (pid ${child.pid})`);
    return started;
  };

  const [first, ...rest] = plan.processes;
  const exited = (async () => {
    if (!first) return 0;
    const leader = launch(first);
    if (first.readyUrl && !(await ready(first.readyUrl, leader.exited, options.readyTimeoutMs ?? 120_000))) {
      if (!stopping) {
        say('cluster', `${first.name} did not become ready; stopping`);
        failed = true;
        stop('SIGTERM');
      }
    }
    if (!stopping) for (const process of rest) launch(process);
    // Children launched while waiting are in the list by now; wait for each.
    for (let index = 0; index < children.length; index++) await children[index]!.exited;
    return failed ? 1 : 0;
  })();

  return { children, stop, exited };
}

/** Polls `url` until it answers 200; false if the process exits or the time runs out first. */
async function ready(url: string, exited: Promise<string>, timeoutMs: number): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (!gone && Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
