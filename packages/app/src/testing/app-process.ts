import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The process entry points: `npm start` (API + worker), `npm run start:http` and `npm run start:worker`. */
const ENTRY_POINTS = {
  app: join(PACKAGES, 'app', 'src', 'main.ts'),
  http: join(PACKAGES, 'http', 'src', 'main.ts'),
  worker: join(PACKAGES, 'worker', 'src', 'main.ts'),
} as const;
export type ProcessEntryPoint = keyof typeof ENTRY_POINTS;
/** Loading the platform's sources through tsx takes a while on a busy two-core machine. */
const START_TIMEOUT_MS = 120_000;
const LISTENING = /"url":"(http:\/\/[^"]+)","msg":"http server listening"/;
const WORKER_STARTED = /"msg":"worker started"/;

/** A platform process as a real child process (the sources through tsx), for tests that stop or kill it. */
export interface AppProcess {
  /** Base URL of its API; empty for a worker process, which serves none. */
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Sends the signal and waits for the process to end; returns its exit code or signal. */
  stop(signal: NodeJS.Signals): Promise<string>;
}

export interface AppProcessOptions {
  /** Which process to run: `app` (the default, `packages/app/src/main.ts`), `http` or `worker`. */
  readonly entry?: ProcessEntryPoint;
}

/**
 * Starts an entry point (`packages/app/src/main.ts` unless `options.entry`
 * says otherwise) with `env` on top of a quiet test configuration (port 0,
 * info logs) and resolves once the API listens (a worker: once it has started).
 */
export function startAppProcess(env: Readonly<Record<string, string>>, options: AppProcessOptions = {}): Promise<AppProcess> {
  const entry = options.entry ?? 'app';
  const main = ENTRY_POINTS[entry];
  const inherited = { ...process.env } as Record<string, string>;
  delete inherited['DATABASE_URL'];
  const child = spawn(process.execPath, ['--conditions=@tradesense/source', '--import', 'tsx', main], {
    cwd: dirname(main),
    env: { ...inherited, NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'info', JWT_SECRET: 'app-process-secret-app-process-secret!', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ended = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the ${entry} process did not start in time:\n${output}`));
    }, START_TIMEOUT_MS);
    let started = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (started) return;
      const listening = LISTENING.exec(output);
      if (entry === 'worker' ? !WORKER_STARTED.test(output) : !listening) return;
      started = true;
      clearTimeout(timer);
      resolve({
        url: listening?.[1] ?? '',
        child,
        output: () => output,
        async stop(signal) {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return ended;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void ended.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the ${entry} process ended (${how}) before it started:\n${output}`));
    });
  });
}
