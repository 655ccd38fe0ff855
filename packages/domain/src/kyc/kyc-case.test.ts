import { describe, expect, it } from 'vitest';
import { unwrap } from '../shared/result.js';
import { DocumentNumberHash } from './document-number-hash.js';
import { KycCase } from './kyc-case.js';
import { DEFAULT_PROHIBITED_COUNTRIES, ProhibitedCountries } from './prohibited-countries.js';

const at = new Date('2026-02-01T10:00:00Z');
const prohibited = ProhibitedCountries.default();
const HASH = 'a'.repeat(64);

function openCase(country: string | null = 'DE'): KycCase {
  const kyc = unwrap(KycCase.open({ id: 'kyc-1', traderId: 't-1', provider: 'sumsub', country, at }));
  kyc.pullEvents();
  return kyc;
}

describe('Prohibited countries (section 8)', () => {
  it('seeds KP, IR, CU, SY, MM for sanctions and US as regulatory', () => {
    expect(DEFAULT_PROHIBITED_COUNTRIES.map((c) => `${c.code}:${c.reason}`)).toEqual([
      'KP:sanctions',
      'IR:sanctions',
      'CU:sanctions',
      'SY:sanctions',
      'MM:sanctions',
      'US:regulatory',
    ]);
  });

  it('blocks buying, competition registration and funding, naming the reason', () => {
    for (const activity of ['purchase', 'competition_registration', 'funding'] as const) {
      const result = prohibited.check(' kp ', activity);
      expect(!result.ok && result.error.code).toBe('KYC.PROHIBITED_COUNTRY');
      expect(!result.ok && result.error.details).toEqual({ country: 'KP', reason: 'sanctions', activity });
    }
    expect(prohibited.check('de', 'purchase')).toEqual({ ok: true, value: 'DE' });
    const invalid = prohibited.check('Germany', 'purchase');
    expect(!invalid.ok && invalid.error.code).toBe('KYC.INVALID_COUNTRY');
  });
});

describe('KycCase states', () => {
  it('goes pending → in_progress → approved', () => {
    const kyc = openCase();
    unwrap(kyc.startVerification({ applicantId: 'app-9', actor: 'sumsub', at }));
    unwrap(kyc.submitDocument({ type: 'passport', country: 'de', numberHash: unwrap(DocumentNumberHash.of(HASH)), at }));
    unwrap(kyc.approve({ actor: 'sumsub', at, prohibitedCountries: prohibited }));
    expect(kyc.status).toBe('approved');
    expect(kyc.pullEvents().map((e) => e.type)).toEqual(['KycVerificationStarted', 'KycDocumentSubmitted', 'KycApproved']);
    const again = kyc.approve({ actor: 'sumsub', at, prohibitedCountries: prohibited });
    expect(!again.ok && again.error.code).toBe('KYC.ALREADY_APPROVED');
  });

  it('cannot approve a case nobody looked at', () => {
    const result = openCase().approve({ actor: 'admin', at, prohibitedCountries: prohibited });
    expect(!result.ok && result.error.code).toBe('KYC.INVALID_TRANSITION');
  });

  it('refuses approval when the document country is prohibited', () => {
    const kyc = openCase();
    unwrap(kyc.submitDocument({ type: 'passport', country: 'SY', numberHash: unwrap(DocumentNumberHash.of(HASH)), at }));
    const result = kyc.approve({ actor: 'admin', at, prohibitedCountries: prohibited });
    expect(!result.ok && result.error.code).toBe('KYC.PROHIBITED_COUNTRY');
    expect(kyc.status).toBe('in_progress');
  });

  it('a retry rejection can be resubmitted (back to pending); a final one cannot', () => {
    const kyc = openCase();
    unwrap(kyc.startVerification({ actor: 'admin', at }));
    unwrap(kyc.reject({ actor: 'admin', at, kind: 'retry', reasons: ['blurry photo'] }));
    expect(kyc.rejection).toMatchObject({ kind: 'retry', reasons: ['blurry photo'] });
    unwrap(kyc.resubmit({ actor: 't-1', at }));
    expect(kyc.status).toBe('pending');
    expect(kyc.toState().attempt).toBe(2);
    unwrap(kyc.startVerification({ actor: 'admin', at }));
    unwrap(kyc.reject({ actor: 'admin', at, kind: 'retry', reasons: ['expired passport'] }));
    // Sending a new document is the resubmission itself: next attempt, straight to review.
    unwrap(kyc.submitDocument({ type: 'passport', country: 'DE', numberHash: unwrap(DocumentNumberHash.of(HASH)), at }));
    expect([kyc.status, kyc.toState().attempt]).toEqual(['in_progress', 3]);
    unwrap(kyc.reject({ actor: 'admin', at, kind: 'final', reasons: ['forged document'] }));
    const document = kyc.submitDocument({ type: 'passport', country: 'DE', numberHash: unwrap(DocumentNumberHash.of(HASH)), at });
    expect(!document.ok && document.error.code).toBe('KYC.REJECTED_FINAL');
    const resubmit = kyc.resubmit({ actor: 't-1', at });
    expect(!resubmit.ok && resubmit.error.code).toBe('KYC.REJECTED_FINAL');
    const start = kyc.startVerification({ actor: 'admin', at });
    expect(!start.ok && start.error.code).toBe('KYC.REJECTED_FINAL');
  });

  it('stores the document number only as a keyed hash', () => {
    const raw = DocumentNumberHash.of('X1234567');
    expect(!raw.ok && raw.error.code).toBe('KYC.INVALID_DOCUMENT_HASH');
    expect(!raw.ok && JSON.stringify(raw.error.details)).not.toContain('X1234567');
    const kyc = openCase();
    unwrap(kyc.submitDocument({ type: 'passport', country: 'DE', numberHash: unwrap(DocumentNumberHash.of(HASH.toUpperCase())), at }));
    const state = kyc.toState();
    expect(state.document).toEqual({ type: 'passport', country: 'DE', numberHash: HASH });
    expect(KycCase.restore(state).document?.numberHash.value).toBe(HASH);
  });
});
