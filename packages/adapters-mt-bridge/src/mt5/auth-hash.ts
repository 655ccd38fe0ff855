import { createHash } from 'node:crypto';

const md5 = (...parts: Buffer[]): Buffer => {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** MetaQuotes' password hash: MD5(MD5(UTF-16LE password) + "WebAPI"), as raw bytes. */
export const webApiPasswordHash = (password: string): Buffer =>
  md5(md5(Buffer.from(password, 'utf16le')), Buffer.from('WebAPI', 'ascii'));

/** The answer to a random challenge: MD5(password hash + raw challenge bytes), lower-case hex. */
export const challengeAnswer = (passwordHash: Buffer, challengeHex: string): string =>
  md5(passwordHash, Buffer.from(challengeHex, 'hex')).toString('hex');

/** A challenge is 16 random bytes in hex. */
export const isChallenge = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-fA-F]{32}$/.test(value);
