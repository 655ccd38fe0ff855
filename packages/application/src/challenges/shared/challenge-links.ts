/** Where e-mails about a challenge point the trader. */
export interface ChallengeLinks {
  readonly metrics: (challengeId: string) => string;
  readonly dashboard: () => string;
}

export function challengeLinks(publicBaseUrl: string): ChallengeLinks {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return {
    metrics: (challengeId) => `${base}/challenges/${encodeURIComponent(challengeId)}`,
    dashboard: () => `${base}/dashboard`,
  };
}
