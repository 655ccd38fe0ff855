import { createHash } from 'node:crypto';

/**
 * The Message-ID of a notification, derived from its idempotency key: the
 * same key always yields the same id, so a retried delivery is recognisable as
 * the same message (and the key itself, which may be an internal id, is not
 * disclosed).
 */
export function messageIdFor(messageKey: string, domain: string): string {
  if (messageKey.length === 0) throw new RangeError('An e-mail needs a non-empty messageKey');
  const digest = createHash('sha256').update(messageKey, 'utf8').digest('hex').slice(0, 40);
  return `<${digest}@${domain}>`;
}

/** The domain of a sender like "TradeSense <no-reply@tradesense.example>". */
export function domainOfAddress(address: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(address);
  if (!match?.[1]) throw new RangeError(`Cannot find a domain in the sender address ${address}`);
  return match[1];
}
