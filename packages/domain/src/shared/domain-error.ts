/**
 * A business rule said no. The code is stable (clients and the HTTP layer map
 * on it); the message is for people; details carry the figures behind it.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const domainError = (code: string, message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(code, message, details);
