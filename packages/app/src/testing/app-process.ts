import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'main.ts');
/** Loading the platform's sources through tsx takes a while on a busy two-core machine. */
const START_TIMEOUT_MS = 120_000;

/** `npm start` as a real child process (the sources through tsx), for tests that stop or kill it. */
export interface AppProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Sends the signal and waits for the process to end; returns its exit code or signal. */
  stop(signal: NodeJS.Signals): Promise<string>;
}

/**
 * Starts `packages/app/src/main.ts` with `env` on top of a quiet test
 * configuration (port 0, info logs) and resolves once the API listens.
 */
export function startAppProcess(env: Readonly<Record<string, string>>): Promise<AppProcess> {
  const inherited = { ...process.env } as Record<string, string>;
  delete inherited['DATABASE_URL'];
  const child = spawn(process.execPath, ['--conditions=@tradesense/source', '--import', 'tsx', MAIN], {
    cwd: dirname(MAIN),
    env: { ...inherited, NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'info', JWT_SECRET: 'app-process-secret-app-process-secret!', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ended = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app did not start in time:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /"url":"(http:\/\/[^"]+)","msg":"http server listening"/.exec(output);
      if (!listening) return;
      clearTimeout(timer);
      resolve({
        url: listening[1]!,
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
      reject(new Error(`the app ended (${how}) before it listened:\n${output}`));
    });
  });
}
