import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { REDACTED, scrubQuery, scrubSecrets, scrubUrl } from './redaction.js';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, stream };
}

describe('log redaction', () => {
  it('replaces secret query values and keeps the rest of the URL', () => {
    expect(scrubUrl('/v1/payments/simulated/confirm?token=abc.def&order=42')).toBe(`/v1/payments/simulated/confirm?token=${REDACTED}&order=42`);
    expect(scrubUrl('/v1/stream?access_token=eyJ&symbols=EURUSD')).toBe(`/v1/stream?access_token=${REDACTED}&symbols=EURUSD`);
    expect(scrubUrl('https://x.test/return?PayerID=P1&paymentId=7#top')).toBe(`https://x.test/return?PayerID=${REDACTED}&paymentId=7#top`);
    expect(scrubUrl('/v1/challenges?cursor=abc&limit=20')).toBe('/v1/challenges?cursor=abc&limit=20');
    expect(scrubUrl('/v1/health')).toBe('/v1/health');
  });

  it('redacts secret-named fields at any depth and URLs inside strings, leaving codes and ids', () => {
    const scrubbed = scrubSecrets({
      password: 'hunter2-hunter2',
      user: { email: 'p@example.com', refreshToken: 'r-123', nested: [{ apiKey: 'k' }] },
      link: 'open https://app.test/confirm?token=t-1 now',
      code: 'PLATFORM.UNAVAILABLE',
      id: 'ch_1',
    });
    expect(scrubbed).toEqual({
      password: REDACTED,
      user: { email: 'p@example.com', refreshToken: REDACTED, nested: [{ apiKey: REDACTED }] },
      link: `open https://app.test/confirm?token=${REDACTED} now`,
      code: 'PLATFORM.UNAVAILABLE',
      id: 'ch_1',
    });
    expect(scrubQuery({ access_token: 'a', symbols: 'EURUSD' })).toEqual({ access_token: REDACTED, symbols: 'EURUSD' });
  });

  it('keeps authorization and cookie headers and secret fields out of written lines', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', {}, stream);
    logger.info({ req: { method: 'GET', url: '/v1/me', headers: { authorization: 'Bearer eyJsecret', cookie: 'sid=s3cr3t', accept: 'json' } } }, 'request');
    logger.info({ smtp: { user: 'mailer', password: 'smtp-pass-123' } }, 'configured');
    const written = lines.join('');
    expect(written).not.toContain('eyJsecret');
    expect(written).not.toContain('s3cr3t');
    expect(written).not.toContain('smtp-pass-123');
    expect(written).toContain('"accept":"json"');
    expect(written).toContain('"user":"mailer"');
  });
});
