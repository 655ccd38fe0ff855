import { domainError, err, type DomainError, type Result } from '@tradesense/domain';
import { isKycProviderError } from '../ports/kyc-provider.js';
import { isTradingPlatformError } from '../ports/trading-platform.js';

/**
 * The trading platform and the KYC provider throw typed errors (I/O ports
 * throw); a use case answers them as results with the provider's stable code,
 * e.g. `PLATFORM.NOT_ENOUGH_MONEY` or `KYC.PROVIDER_UNAVAILABLE`. Anything
 * else is unexpected and keeps propagating.
 */
export function externalFailure(error: unknown): DomainError | null {
  if (isTradingPlatformError(error)) {
    return domainError(error.code, error.message, { retcode: error.retcode, ...error.details });
  }
  if (isKycProviderError(error)) return domainError(error.code, error.message, { ...error.details });
  return null;
}

/** Runs `work`; a platform or provider failure becomes an error result, anything else is rethrown. */
export async function orExternalFailure<T>(work: () => Promise<Result<T, DomainError>>): Promise<Result<T, DomainError>> {
  try {
    return await work();
  } catch (error) {
    const failure = externalFailure(error);
    if (failure) return err(failure);
    throw error;
  }
}
