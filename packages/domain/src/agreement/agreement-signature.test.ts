import { describe, expect, it } from 'vitest';
import { unwrap } from '../shared/result.js';
import { AgreementSignature } from './agreement-signature.js';
import { AgreementVersion, FUNDED_TRADER_AGREEMENT } from './agreement-version.js';

const at = new Date('2026-02-01T10:00:00Z');
const agreement = unwrap(
  AgreementVersion.publish({ agreementId: FUNDED_TRADER_AGREEMENT, version: '2026-01', text: 'I agree to the rules.', at }),
);

const sign = (overrides: Partial<Parameters<typeof AgreementSignature.sign>[0]> = {}) =>
  AgreementSignature.sign({
    id: 'sig-1',
    traderId: 't-1',
    agreement,
    presentedTextHash: agreement.textHash,
    typedName: '  Ada   Lovelace ',
    ipAddress: '203.0.113.7',
    userAgent: 'Mozilla/5.0',
    at,
    ...overrides,
  });

describe('Agreement versions and signatures (section 12)', () => {
  it('hashes the exact text with SHA-256 on publication', () => {
    expect(unwrap(AgreementVersion.publish({ agreementId: 'x', version: '1', text: 'abc', at })).textHash).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(() => AgreementVersion.restore({ ...agreement.toState(), text: 'I agree to nothing.' })).toThrow();
  });

  it('records typed name, version, text hash, IP, user agent and time', () => {
    const signature = unwrap(sign());
    expect(signature.toState()).toEqual({
      id: 'sig-1',
      version: 0,
      traderId: 't-1',
      agreementId: 'funded_trader',
      agreementVersion: '2026-01',
      textHash: agreement.textHash,
      typedName: 'Ada Lovelace',
      ipAddress: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      signedAt: at,
    });
    expect(signature.pullEvents().map((e) => e.type)).toEqual(['AgreementSigned']);
  });

  it('refuses a signature over another text, without a name, or without signer details', () => {
    const changed = sign({ presentedTextHash: 'f'.repeat(64) });
    expect(!changed.ok && changed.error.code).toBe('AGREEMENT.TEXT_CHANGED');
    const noName = sign({ typedName: ' ' });
    expect(!noName.ok && noName.error.code).toBe('AGREEMENT.NAME_REQUIRED');
    const noIp = sign({ ipAddress: '' });
    expect(!noIp.ok && noIp.error.code).toBe('AGREEMENT.SIGNER_DETAILS_REQUIRED');
  });
});
