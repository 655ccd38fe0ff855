import { AggregateRoot, type EventPayload } from '../shared/aggregate-root.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { parseCountryCode, type CountryCode } from './country-code.js';
import { DocumentNumberHash } from './document-number-hash.js';
import { KycErrorCode } from './kyc-errors.js';
import type { KycEvent } from './kyc-events.js';
import type { KycRejectionKind, KycStatus } from './kyc-status.js';
import type { ProhibitedCountries } from './prohibited-countries.js';

export interface KycDocument {
  /** e.g. passport, national_id, driving_license. */
  readonly type: string;
  readonly country: CountryCode;
  readonly numberHash: DocumentNumberHash;
}

export interface KycRejection {
  readonly kind: KycRejectionKind;
  readonly reasons: readonly string[];
  readonly actor: string;
  readonly at: Date;
}

/** Plain-data persistence shape (document number as its keyed hash only). */
export interface KycCaseState {
  readonly id: string;
  readonly version: number;
  readonly traderId: string;
  /** e.g. "sumsub" or "manual". */
  readonly provider: string;
  readonly applicantId: string | null;
  /** Country of residence declared by the trader, when known. */
  readonly country: string | null;
  readonly status: KycStatus;
  readonly document: { type: string; country: string; numberHash: string } | null;
  readonly rejection: { kind: KycRejectionKind; reasons: string[]; actor: string; at: Date } | null;
  /** 1 for the first submission, +1 for each resubmission after a retry rejection. */
  readonly attempt: number;
  readonly openedAt: Date;
  readonly updatedAt: Date;
  readonly approvedAt: Date | null;
  readonly approvedBy: string | null;
}

export interface OpenKycCase {
  readonly id: string;
  readonly traderId: string;
  readonly provider: string;
  readonly country?: string | null;
  readonly at: Date;
}

/**
 * Deferred identity verification (rule book section 8): opened after the last
 * phase is passed, `pending → in_progress → approved | rejected(retry|final)`.
 * A retry rejection can be resubmitted (back to pending); a final one cannot.
 * Approval checks the prohibited-countries policy against the declared and
 * the document country.
 */
export class KycCase extends AggregateRoot<KycEvent> {
  private constructor(private state: KycCaseState) {
    super();
  }

  static open(input: OpenKycCase): Result<KycCase> {
    let country: string | null = null;
    if (input.country != null) {
      const parsed = parseCountryCode(input.country);
      if (!parsed.ok) return parsed;
      country = parsed.value;
    }
    const kyc = new KycCase({
      id: input.id,
      version: 0,
      traderId: input.traderId,
      provider: input.provider,
      applicantId: null,
      country,
      status: 'pending',
      document: null,
      rejection: null,
      attempt: 1,
      openedAt: input.at,
      updatedAt: input.at,
      approvedAt: null,
      approvedBy: null,
    });
    kyc.emit('KycCaseOpened', input.at, { traderId: input.traderId, provider: input.provider, country });
    return ok(kyc);
  }

  static restore(state: KycCaseState): KycCase {
    return new KycCase(cloneState(state));
  }

  get id(): string {
    return this.state.id;
  }
  get version(): number {
    return this.state.version;
  }
  get traderId(): string {
    return this.state.traderId;
  }
  get status(): KycStatus {
    return this.state.status;
  }
  get country(): string | null {
    return this.state.country;
  }
  get isApproved(): boolean {
    return this.state.status === 'approved';
  }
  get rejection(): KycRejection | null {
    return this.state.rejection;
  }
  get document(): KycDocument | null {
    const doc = this.state.document;
    if (!doc) return null;
    const hash = DocumentNumberHash.of(doc.numberHash);
    if (!hash.ok) throw new Error('Stored document hash is malformed');
    return { type: doc.type, country: doc.country, numberHash: hash.value };
  }

  /** The provider (or the manual reviewer) has taken the case up. */
  startVerification(input: { applicantId?: string | null; actor: string; at: Date }): Result<void> {
    if (this.state.status !== 'pending') return this.refuse('start verification');
    this.state = {
      ...this.state,
      status: 'in_progress',
      applicantId: input.applicantId ?? this.state.applicantId,
      updatedAt: input.at,
    };
    this.emit('KycVerificationStarted', input.at, {
      traderId: this.state.traderId,
      applicantId: this.state.applicantId,
      actor: input.actor,
    });
    return ok(undefined);
  }

  /**
   * Records the identity document (number as a keyed hash only); the case is
   * then in review. After a `retry` rejection this is the resubmission: the
   * next attempt starts and goes straight to review.
   */
  submitDocument(input: { type: string; country: string; numberHash: DocumentNumberHash; at: Date }): Result<void> {
    const country = parseCountryCode(input.country);
    if (!country.ok) return country;
    if (this.state.status === 'rejected' && this.state.rejection?.kind === 'retry') {
      const reopened = this.resubmit({ actor: this.state.traderId, at: input.at });
      if (!reopened.ok) return reopened;
    }
    const from = this.state.status;
    if (from !== 'pending' && from !== 'in_progress') return this.refuse('submit a document');
    this.state = {
      ...this.state,
      status: 'in_progress',
      document: { type: input.type, country: country.value, numberHash: input.numberHash.value },
      updatedAt: input.at,
    };
    this.emit('KycDocumentSubmitted', input.at, {
      traderId: this.state.traderId,
      documentType: input.type,
      documentCountry: country.value,
      from,
    });
    return ok(undefined);
  }

  /**
   * Approves a case under review. A prohibited declared or document country
   * refuses the approval (`KYC.PROHIBITED_COUNTRY`); the reviewer then rejects.
   */
  approve(input: { actor: string; at: Date; prohibitedCountries: ProhibitedCountries }): Result<void> {
    if (this.state.status === 'approved') {
      return err(domainError(KycErrorCode.ALREADY_APPROVED, 'KYC is already approved', { kycId: this.state.id }));
    }
    if (this.state.status !== 'in_progress') return this.refuse('approve');
    for (const country of [this.state.country, this.state.document?.country]) {
      if (country == null) continue;
      const allowed = input.prohibitedCountries.check(country, 'funding');
      if (!allowed.ok) return allowed;
    }
    this.state = {
      ...this.state,
      status: 'approved',
      rejection: null,
      approvedAt: input.at,
      approvedBy: input.actor,
      updatedAt: input.at,
    };
    this.emit('KycApproved', input.at, { traderId: this.state.traderId, actor: input.actor });
    return ok(undefined);
  }

  reject(input: { actor: string; at: Date; kind: KycRejectionKind; reasons: readonly string[] }): Result<void> {
    const status = this.state.status;
    if (status !== 'pending' && status !== 'in_progress') return this.refuse('reject');
    const reasons = [...input.reasons];
    this.state = {
      ...this.state,
      status: 'rejected',
      rejection: { kind: input.kind, reasons, actor: input.actor, at: input.at },
      updatedAt: input.at,
    };
    this.emit('KycRejected', input.at, { traderId: this.state.traderId, actor: input.actor, kind: input.kind, reasons });
    return ok(undefined);
  }

  /** After a `retry` rejection the trader starts over: back to pending, next attempt. */
  resubmit(input: { actor: string; at: Date }): Result<void> {
    if (this.state.status !== 'rejected') return this.refuse('resubmit');
    if (this.state.rejection?.kind === 'final') {
      return err(domainError(KycErrorCode.REJECTED_FINAL, 'KYC was rejected for good', { kycId: this.state.id }));
    }
    const attempt = this.state.attempt + 1;
    this.state = { ...this.state, status: 'pending', document: null, attempt, updatedAt: input.at };
    this.emit('KycResubmissionOpened', input.at, { traderId: this.state.traderId, actor: input.actor, attempt });
    return ok(undefined);
  }

  toState(): KycCaseState {
    return cloneState(this.state);
  }

  private refuse(action: string): Result<never> {
    if (this.state.status === 'rejected' && this.state.rejection?.kind === 'final') {
      return err(domainError(KycErrorCode.REJECTED_FINAL, 'KYC was rejected for good', { kycId: this.state.id }));
    }
    return err(
      domainError(KycErrorCode.INVALID_TRANSITION, `Cannot ${action} a KYC case that is ${this.state.status}`, {
        kycId: this.state.id,
        status: this.state.status,
      }),
    );
  }

  private emit<T extends KycEvent['type']>(type: T, at: Date, payload: EventPayload<KycEvent, T>): void {
    this.recordEvent(type, this.state.id, at, payload);
  }
}

function cloneState(state: KycCaseState): KycCaseState {
  return {
    ...state,
    document: state.document ? { ...state.document } : null,
    rejection: state.rejection ? { ...state.rejection, reasons: [...state.rejection.reasons] } : null,
  };
}
