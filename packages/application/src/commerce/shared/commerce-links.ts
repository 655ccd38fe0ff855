/** Pages of the trader's area that commerce e-mails link to. */
export interface CommerceLinks {
  readonly dashboard: () => string;
  readonly trialCancel: (trialId: string) => string;
  readonly trialPaymentMethod: (trialId: string) => string;
}

export function commerceLinks(publicBaseUrl: string): CommerceLinks {
  const root = publicBaseUrl.replace(/\/+$/, '');
  return {
    dashboard: () => `${root}/dashboard`,
    trialCancel: (trialId) => `${root}/trials/${encodeURIComponent(trialId)}/cancel`,
    trialPaymentMethod: (trialId) => `${root}/trials/${encodeURIComponent(trialId)}/payment-method`,
  };
}
