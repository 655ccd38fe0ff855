/**
 * Text PostgreSQL cannot take: a NUL character (text columns refuse byte
 * 0x00, even in a WHERE clause) and a lone UTF-16 surrogate (jsonb refuses
 * its \u escape, and user text reaches jsonb through audit details and
 * outbox payloads). zod's string checks let both through, so without this a
 * login with "a\u0000@example.com" or a reason with "\ud800" became a
 * database error and a 500.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextIssue {
  readonly path: string;
  readonly message: string;
}

/** Enough to show what is wrong without echoing a whole oversized body back. */
const MAX_ISSUES = 20;

/**
 * The strings (object keys included) in `input` that the database could not
 * store, the first twenty. Walks with its own stack: a body may nest a
 * hundred thousand levels deep within the size limit.
 */
export function unstorableText(input: unknown): TextIssue[] {
  const issues: TextIssue[] = [];
  const pending: { value: unknown; path: string }[] = [{ value: input, path: '' }];
  while (pending.length > 0 && issues.length < MAX_ISSUES) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) issues.push({ path, message: 'must not contain NUL characters or unpaired surrogates' });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: path ? `${path}.${index}` : String(index) }));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (UNSTORABLE.test(key)) issues.push({ path: at, message: 'the key must not contain NUL characters or unpaired surrogates' });
        pending.push({ value: item, path: at });
      }
    }
  }
  return issues;
}
