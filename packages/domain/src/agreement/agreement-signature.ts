import { AggregateRoot } from '../shared/aggregate-root.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { AgreementErrorCode } from './agreement-errors.js';
import type { AgreementEvent } from './agreement-events.js';
import type { AgreementVersion } from './agreement-version.js';

/** Plain-data persistence shape of a signature record. */
export interface AgreementSignatureState {
  readonly id: string;
  readonly version: number;
  readonly traderId: string;
  readonly agreementId: string;
  readonly agreementVersion: string;
  readonly textHash: string;
  /** The name the trader typed as a signature, trimmed. */
  readonly typedName: string;
  readonly ipAddress: string;
  readonly userAgent: string;
  readonly signedAt: Date;
}

export interface SignAgreement {
  readonly id: string;
  readonly traderId: string;
  readonly agreement: AgreementVersion;
  /** The hash of the text the trader was shown; it must be the version's hash. */
  readonly presentedTextHash: string;
  readonly typedName: string;
  readonly ipAddress: string;
  readonly userAgent: string;
  readonly at: Date;
}

/**
 * The record of a trader signing one agreement version (section 12): typed
 * name, version and text hash, IP, user agent and time. Immutable once made;
 * the signed PDF is rendered from it outside the domain.
 */
export class AgreementSignature extends AggregateRoot<AgreementEvent> {
  private constructor(private readonly state: AgreementSignatureState) {
    super();
  }

  static sign(input: SignAgreement): Result<AgreementSignature> {
    const typedName = input.typedName.trim().replace(/\s+/g, ' ');
    if (typedName.length < 2) {
      return err(domainError(AgreementErrorCode.NAME_REQUIRED, 'Type your full name to sign', {}));
    }
    if (input.ipAddress.trim() === '' || input.userAgent.trim() === '') {
      return err(domainError(AgreementErrorCode.SIGNER_DETAILS_REQUIRED, 'IP address and user agent are required', {}));
    }
    if (input.presentedTextHash.toLowerCase() !== input.agreement.textHash) {
      return err(
        domainError(AgreementErrorCode.TEXT_CHANGED, 'The agreement text changed; read the current version and sign again', {
          agreementVersion: input.agreement.version,
        }),
      );
    }
    const signature = new AgreementSignature({
      id: input.id,
      version: 0,
      traderId: input.traderId,
      agreementId: input.agreement.agreementId,
      agreementVersion: input.agreement.version,
      textHash: input.agreement.textHash,
      typedName,
      ipAddress: input.ipAddress.trim(),
      userAgent: input.userAgent,
      signedAt: input.at,
    });
    signature.record({
      type: 'AgreementSigned',
      aggregateId: input.id,
      occurredAt: input.at,
      payload: {
        traderId: input.traderId,
        agreementId: input.agreement.agreementId,
        agreementVersion: input.agreement.version,
        textHash: input.agreement.textHash,
        typedName,
        ipAddress: input.ipAddress.trim(),
        userAgent: input.userAgent,
      },
    });
    return ok(signature);
  }

  static restore(state: AgreementSignatureState): AgreementSignature {
    return new AgreementSignature({ ...state });
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
  get agreementId(): string {
    return this.state.agreementId;
  }
  get agreementVersion(): string {
    return this.state.agreementVersion;
  }
  get textHash(): string {
    return this.state.textHash;
  }
  get typedName(): string {
    return this.state.typedName;
  }
  get signedAt(): Date {
    return this.state.signedAt;
  }

  toState(): AgreementSignatureState {
    return { ...this.state };
  }
}
