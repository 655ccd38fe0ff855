import { pino, type DestinationStream, type Logger } from 'pino';
import { REDACTED, REDACTED_PATHS, scrubSecrets } from './redaction.js';

export type { Logger };

/**
 * JSON logs on stdout (or `destination`); one field set for every line of a
 * process. Secrets never reach a line: headers are redacted by path, and
 * every logged object is scrubbed of secret-named fields and URL tokens.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'tradesense', ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
    formatters: { log: (object: Record<string, unknown>) => scrubSecrets(object) as Record<string, unknown> },
  };
  return destination ? pino(options, destination) : pino(options);
}
