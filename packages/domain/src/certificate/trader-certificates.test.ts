import { describe, expect, it } from 'vitest';
import { Money } from '../money/money.js';
import { unwrap } from '../shared/result.js';
import { CertificateId } from './certificate-id.js';
import { eligibleCertificates, type TraderAchievements } from './certificate-kind.js';
import { TraderCertificates } from './trader-certificates.js';

const at = new Date('2026-03-01T10:00:00Z');
const id = (fill: number) => unwrap(CertificateId.fromEntropy(new Uint8Array(16).fill(fill)));
const none: TraderAchievements = { passedPhase1: false, firstPayoutPaid: false, totalFundedAllocation: Money.zero() };

describe('Certificate eligibility (section 12)', () => {
  it('Elite for phase 1, Crown for the first payout, Max Allocation from 300,000', () => {
    expect(eligibleCertificates(none)).toEqual([]);
    expect(eligibleCertificates({ ...none, passedPhase1: true })).toEqual(['elite_trader']);
    expect(eligibleCertificates({ ...none, firstPayoutPaid: true })).toEqual(['crown_trader']);
    expect(eligibleCertificates({ ...none, totalFundedAllocation: Money.of('299999.99') })).toEqual([]);
    expect(eligibleCertificates({ ...none, totalFundedAllocation: Money.of(300_000) })).toEqual(['max_allocation']);
  });
});

describe('TraderCertificates', () => {
  it('awards each kind once per trader', () => {
    const certs = TraderCertificates.empty({ id: 'tc-1', traderId: 't-1' });
    const achievements = { ...none, passedPhase1: true };
    const record = unwrap(certs.award({ kind: 'elite_trader', certificateId: id(7), traderName: 'Ada', achievements, at }));
    expect(record).toMatchObject({ kind: 'elite_trader', title: 'Elite Trader', traderName: 'Ada', awardedAt: at });
    const again = certs.award({ kind: 'elite_trader', certificateId: id(8), traderName: 'Ada', achievements, at });
    expect(!again.ok && again.error.code).toBe('CERTIFICATE.ALREADY_AWARDED');
    expect(certs.dueKinds({ ...achievements, firstPayoutPaid: true })).toEqual(['crown_trader']);
    expect(certs.pullEvents()).toHaveLength(1);
  });

  it('refuses a kind the trader does not qualify for', () => {
    const certs = TraderCertificates.empty({ id: 'tc-1', traderId: 't-1' });
    const result = certs.award({ kind: 'max_allocation', certificateId: id(1), traderName: 'Ada', achievements: none, at });
    expect(!result.ok && result.error.code).toBe('CERTIFICATE.NOT_ELIGIBLE');
  });

  it('uses unguessable ids from 128 bits of caller entropy, read back in any case', () => {
    const certificateId = id(0xab);
    expect(certificateId.value).toMatch(/^TSC-[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(unwrap(CertificateId.parse(certificateId.value.toLowerCase())).equals(certificateId)).toBe(true);
    const weak = CertificateId.fromEntropy(new Uint8Array(15));
    expect(!weak.ok && weak.error.code).toBe('CERTIFICATE.NOT_ENOUGH_ENTROPY');
    expect(CertificateId.parse('CERT-42-ELITE-2026-03-01').ok).toBe(false);
  });
});
