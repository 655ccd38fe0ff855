import { AggregateRoot } from '../shared/aggregate-root.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { CertificateErrorCode } from './certificate-errors.js';
import type { CertificateEvent } from './certificate-events.js';
import type { CertificateId } from './certificate-id.js';
import {
  CERTIFICATE_TITLES,
  DEFAULT_CERTIFICATE_THRESHOLDS,
  eligibleCertificates,
  type CertificateKind,
  type CertificateThresholds,
  type TraderAchievements,
} from './certificate-kind.js';

export interface CertificateRecord {
  readonly id: string;
  readonly kind: CertificateKind;
  readonly title: string;
  readonly traderName: string;
  readonly awardedAt: Date;
}

/** Plain-data persistence shape (one per trader). */
export interface TraderCertificatesState {
  readonly id: string;
  readonly version: number;
  readonly traderId: string;
  readonly certificates: readonly CertificateRecord[];
}

/**
 * The certificates of one trader (section 12). Each kind is awarded at most
 * once, only when the achievements qualify, under a caller-supplied
 * unguessable id.
 */
export class TraderCertificates extends AggregateRoot<CertificateEvent> {
  private constructor(private state: TraderCertificatesState) {
    super();
  }

  static empty(input: { id: string; traderId: string }): TraderCertificates {
    return new TraderCertificates({ id: input.id, version: 0, traderId: input.traderId, certificates: [] });
  }

  static restore(state: TraderCertificatesState): TraderCertificates {
    return new TraderCertificates({ ...state, certificates: state.certificates.map((c) => ({ ...c })) });
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

  certificates(): CertificateRecord[] {
    return this.state.certificates.map((c) => ({ ...c }));
  }

  has(kind: CertificateKind): boolean {
    return this.state.certificates.some((c) => c.kind === kind);
  }

  /** Kinds the achievements qualify for that were not awarded yet. */
  dueKinds(achievements: TraderAchievements, thresholds: CertificateThresholds = DEFAULT_CERTIFICATE_THRESHOLDS): CertificateKind[] {
    return eligibleCertificates(achievements, thresholds).filter((kind) => !this.has(kind));
  }

  award(
    input: {
      kind: CertificateKind;
      certificateId: CertificateId;
      traderName: string;
      achievements: TraderAchievements;
      at: Date;
    },
    thresholds: CertificateThresholds = DEFAULT_CERTIFICATE_THRESHOLDS,
  ): Result<CertificateRecord> {
    if (this.has(input.kind)) {
      return err(domainError(CertificateErrorCode.ALREADY_AWARDED, 'This certificate was already awarded', { kind: input.kind }));
    }
    if (!eligibleCertificates(input.achievements, thresholds).includes(input.kind)) {
      return err(domainError(CertificateErrorCode.NOT_ELIGIBLE, 'The trader does not qualify for this certificate', { kind: input.kind }));
    }
    if (this.state.certificates.some((c) => c.id === input.certificateId.value)) {
      return err(domainError(CertificateErrorCode.DUPLICATE_ID, 'Certificate id already used', {}));
    }
    const traderName = input.traderName.trim();
    if (traderName === '') return err(domainError(CertificateErrorCode.NAME_REQUIRED, 'A certificate needs the trader name', {}));
    const record: CertificateRecord = {
      id: input.certificateId.value,
      kind: input.kind,
      title: CERTIFICATE_TITLES[input.kind],
      traderName,
      awardedAt: input.at,
    };
    this.state = { ...this.state, certificates: [...this.state.certificates, record] };
    this.recordEvent('CertificateAwarded', this.state.id, input.at, {
      traderId: this.state.traderId,
      certificateId: record.id,
      kind: record.kind,
      title: record.title,
      traderName,
    });
    return ok({ ...record });
  }

  toState(): TraderCertificatesState {
    return { ...this.state, certificates: this.state.certificates.map((c) => ({ ...c })) };
  }
}
