import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout; one field set for every line of a process. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({ level, base: { service: 'tradesense', ...base }, timestamp: pino.stdTimeFunctions.isoTime });
}
