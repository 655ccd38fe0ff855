import type { WebhookHeaders } from '@tradesense/application';

/**
 * One header's value, whatever the case of its name. A header sent twice is
 * refused (null): a second signature or timestamp is never a legitimate
 * provider request and must not let one of two values slip through.
 */
export function headerValue(headers: WebhookHeaders, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === 'string') return value;
    return value.length === 1 ? (value[0] ?? null) : null;
  }
  return null;
}
