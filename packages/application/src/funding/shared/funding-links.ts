/** Pages of the trader's area that funding e-mails link to. */
export interface FundingLinks {
  readonly kyc: string;
  readonly agreement: string;
  readonly fundedAccount: (fundedAccountId: string) => string;
  readonly payouts: string;
}

export function fundingLinks(publicBaseUrl: string): FundingLinks {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return {
    kyc: `${base}/kyc`,
    agreement: `${base}/agreement`,
    fundedAccount: (id) => `${base}/funded/${encodeURIComponent(id)}`,
    payouts: `${base}/payouts`,
  };
}
