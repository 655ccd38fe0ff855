/** Stable codes for certificate refusals. */
export const CertificateErrorCode = {
  NOT_ENOUGH_ENTROPY: 'CERTIFICATE.NOT_ENOUGH_ENTROPY',
  INVALID_ID: 'CERTIFICATE.INVALID_ID',
  NOT_ELIGIBLE: 'CERTIFICATE.NOT_ELIGIBLE',
  ALREADY_AWARDED: 'CERTIFICATE.ALREADY_AWARDED',
  DUPLICATE_ID: 'CERTIFICATE.DUPLICATE_ID',
  NAME_REQUIRED: 'CERTIFICATE.NAME_REQUIRED',
} as const;
export type CertificateErrorCode = (typeof CertificateErrorCode)[keyof typeof CertificateErrorCode];
