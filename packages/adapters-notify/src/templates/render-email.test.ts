import { describe, expect, it } from 'vitest';
import { escapeHtml, renderEmail } from './render-email.js';

describe('renderEmail', () => {
  const content = {
    subject: 'Subject & more',
    greeting: 'Hello <b>Eve</b>,',
    paragraphs: ['First paragraph "quoted".'],
    facts: [['Label', 'Value <1>']] as const,
    action: { label: 'Open', url: 'https://example.test/a?b=1&c=2' },
    closing: ['Bye.'],
  };

  it('renders the same content in text and in escaped HTML', () => {
    const email = renderEmail(content);
    expect(email.subject).toBe('Subject & more');
    expect(email.text).toContain('Hello <b>Eve</b>,');
    expect(email.text).toContain('Label: Value <1>');
    expect(email.text).toContain('Open: https://example.test/a?b=1&c=2');
    expect(email.text).toContain('Bye.');
    expect(email.html).toContain('Hello &lt;b&gt;Eve&lt;/b&gt;,');
    expect(email.html).not.toContain('<b>Eve</b>');
    expect(email.html).toContain('Value &lt;1&gt;');
    expect(email.html).toContain('First paragraph &quot;quoted&quot;.');
    expect(email.html).toContain('href="https://example.test/a?b=1&amp;c=2"');
    expect(email.html).toContain('<title>Subject &amp; more</title>');
  });

  it('refuses links that are not http(s)', () => {
    expect(() => renderEmail({ ...content, action: { label: 'x', url: 'javascript:alert(1)' } })).toThrow(RangeError);
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
