import type { EmailAction, EmailContent, RenderedEmail } from './email-content.js';

const BRAND = 'TradeSense';
const FOOTER = `You receive this e-mail because you have an account with ${BRAND}.`;

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every value placed in the HTML body, names and reasons included, goes through here. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

function assertWebUrl(action: EmailAction): void {
  const protocol = new URL(action.url).protocol;
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new RangeError(`E-mail links must be http(s), got ${protocol}`);
  }
}

function renderText(content: EmailContent): string {
  const blocks: string[] = [content.greeting, ...content.paragraphs];
  if (content.facts && content.facts.length > 0) {
    blocks.push(content.facts.map(([label, value]) => `${label}: ${value}`).join('\n'));
  }
  if (content.action) blocks.push(`${content.action.label}: ${content.action.url}`);
  blocks.push(...(content.closing ?? []), `-- \n${FOOTER}`);
  return `${blocks.join('\n\n')}\n`;
}

function renderHtml(content: EmailContent): string {
  const paragraph = (text: string): string => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  const parts: string[] = [paragraph(content.greeting), ...content.paragraphs.map(paragraph)];
  if (content.facts && content.facts.length > 0) {
    const rows = content.facts
      .map(
        ([label, value]) =>
          `<tr><th align="left" style="padding:4px 16px 4px 0;font-weight:600">${escapeHtml(label)}</th>` +
          `<td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
      )
      .join('');
    parts.push(`<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${rows}</table>`);
  }
  if (content.action) {
    const href = escapeHtml(content.action.url);
    parts.push(
      `<p style="margin:0 0 16px"><a href="${href}" style="background:#0b5fff;color:#ffffff;padding:10px 18px;` +
        `border-radius:4px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>` +
        `<p style="margin:0 0 16px;font-size:12px;color:#555555">${escapeHtml(content.action.url)}</p>`,
    );
  }
  parts.push(...(content.closing ?? []).map(paragraph));
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<title>${escapeHtml(content.subject)}</title></head>` +
    '<body style="font-family:Helvetica,Arial,sans-serif;font-size:15px;color:#111111;line-height:1.5">' +
    `<div style="max-width:600px;margin:0 auto;padding:24px"><h1 style="font-size:20px">${BRAND}</h1>` +
    parts.join('') +
    `<hr style="border:none;border-top:1px solid #dddddd"><p style="font-size:12px;color:#777777">${escapeHtml(FOOTER)}</p>` +
    '</div></body></html>'
  );
}

/** Renders one piece of content as subject, plain text and escaped HTML. */
export function renderEmail(content: EmailContent): RenderedEmail {
  if (content.action) assertWebUrl(content.action);
  return { subject: content.subject, text: renderText(content), html: renderHtml(content) };
}
