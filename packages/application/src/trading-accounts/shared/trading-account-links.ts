/** The page of the trader's area where one trading account's figures are shown, whatever it belongs to. */
export type TradingAccountLink = (login: string) => string;

export function tradingAccountLink(publicBaseUrl: string): TradingAccountLink {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return (login) => `${base}/accounts/${encodeURIComponent(login)}`;
}
