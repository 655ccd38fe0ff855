/** Stable codes for agreement refusals. */
export const AgreementErrorCode = {
  INVALID_VERSION: 'AGREEMENT.INVALID_VERSION',
  EMPTY_TEXT: 'AGREEMENT.EMPTY_TEXT',
  TEXT_CHANGED: 'AGREEMENT.TEXT_CHANGED',
  NAME_REQUIRED: 'AGREEMENT.NAME_REQUIRED',
  SIGNER_DETAILS_REQUIRED: 'AGREEMENT.SIGNER_DETAILS_REQUIRED',
  NOT_SIGNED: 'AGREEMENT.NOT_SIGNED',
} as const;
export type AgreementErrorCode = (typeof AgreementErrorCode)[keyof typeof AgreementErrorCode];
