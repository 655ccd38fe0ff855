import { describe, expect, it } from 'vitest';
import { unstorableText } from './storable-text.js';

describe('unstorableText', () => {
  it('names each string with a NUL or an unpaired surrogate, keys included, by its path', () => {
    expect(
      unstorableText({ email: 'a\u0000@example.com', fine: 'Ana 😀 e\u0301', reason: ['ok', 'x\ud800'], nested: { 'k\udc00': 1, low: '\udc00y' } }).sort((a, b) =>
        a.path.localeCompare(b.path),
      ),
    ).toEqual([
      { path: 'email', message: 'must not contain NUL characters or unpaired surrogates' },
      { path: 'nested.k\udc00', message: 'the key must not contain NUL characters or unpaired surrogates' },
      { path: 'nested.low', message: 'must not contain NUL characters or unpaired surrogates' },
      { path: 'reason.1', message: 'must not contain NUL characters or unpaired surrogates' },
    ]);
  });

  it('passes text the database stores, numbers and nulls', () => {
    expect(unstorableText({ name: 'Zoë 😀', amount: '100.25', n: 1, none: null, list: ['ǅ', '\u202e'] })).toEqual([]);
    expect(unstorableText('\ud83d\ude00')).toEqual([]);
    expect(unstorableText('\ud83d')).toHaveLength(1);
  });

  it('walks a body nested 200,000 levels deep without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}"\\u0000"${']'.repeat(200_000)}`) as unknown;
    const issues = unstorableText(deep);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path.split('.')).toHaveLength(200_000);
  });

  it('stops at twenty issues', () => {
    expect(unstorableText(Array.from({ length: 1_000 }, () => '\u0000'))).toHaveLength(20);
  });
});
