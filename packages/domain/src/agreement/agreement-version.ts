import { domainError } from '../shared/domain-error.js';
import { sha256Hex } from '../shared/sha256.js';
import { err, ok, type Result } from '../shared/result.js';
import { AgreementErrorCode } from './agreement-errors.js';

/** The funded-trader agreement is the one agreement the rule book names. */
export const FUNDED_TRADER_AGREEMENT = 'funded_trader';

export interface AgreementVersionState {
  /** Which agreement, e.g. "funded_trader". */
  readonly agreementId: string;
  /** Version label, e.g. "2026-01". */
  readonly version: string;
  readonly text: string;
  /** SHA-256 (hex) of the exact text, computed on publication. */
  readonly textHash: string;
  readonly publishedAt: Date;
}

/**
 * One published version of an agreement text. A new wording is a new version;
 * signatures point at the version and its text hash, so what was signed can
 * always be proven.
 */
export class AgreementVersion {
  private constructor(private readonly state: AgreementVersionState) {}

  static publish(input: { agreementId: string; version: string; text: string; at: Date }): Result<AgreementVersion> {
    if (!/^[\w.-]{1,40}$/.test(input.version) || input.agreementId.trim() === '') {
      return err(domainError(AgreementErrorCode.INVALID_VERSION, 'An agreement needs an id and a version label', {}));
    }
    if (input.text.trim() === '') {
      return err(domainError(AgreementErrorCode.EMPTY_TEXT, 'An agreement needs its text', {}));
    }
    return ok(
      new AgreementVersion({
        agreementId: input.agreementId,
        version: input.version,
        text: input.text,
        textHash: agreementTextHash(input.text),
        publishedAt: input.at,
      }),
    );
  }

  /** Reloads a stored version; a text that no longer matches its hash is a corrupted record. */
  static restore(state: AgreementVersionState): AgreementVersion {
    if (agreementTextHash(state.text) !== state.textHash) {
      throw new Error(`Agreement ${state.agreementId} ${state.version}: text does not match its hash`);
    }
    return new AgreementVersion({ ...state });
  }

  get agreementId(): string {
    return this.state.agreementId;
  }
  get version(): string {
    return this.state.version;
  }
  get text(): string {
    return this.state.text;
  }
  get textHash(): string {
    return this.state.textHash;
  }
  get publishedAt(): Date {
    return this.state.publishedAt;
  }

  toState(): AgreementVersionState {
    return { ...this.state };
  }
}

/** SHA-256 hex of the exact text (no normalisation: what was shown is what is proven). */
export function agreementTextHash(text: string): string {
  return sha256Hex(text);
}
