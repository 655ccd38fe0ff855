import { KycCase, type OpenKycCase } from '../kyc/kyc-case.js';
import { unwrap } from '../shared/result.js';
import { QA_INSTANT } from './qa-defaults.js';

/** What `KycCase.open` needs (rule book §8): kyc-1 of trader-1 from Germany, manual review, at `QA_INSTANT`. */
export function openKycCaseInput(overrides: Partial<OpenKycCase> = {}): OpenKycCase {
  return { id: 'kyc-1', traderId: 'trader-1', provider: 'manual', country: 'DE', at: QA_INSTANT, ...overrides };
}

/** A KYC case just opened (pending), nothing pending. */
export function aKycCase(overrides: Partial<OpenKycCase> = {}): KycCase {
  const kyc = unwrap(KycCase.open(openKycCaseInput(overrides)));
  kyc.pullEvents();
  return kyc;
}
