import { domainError } from '@tradesense/domain';

export const tradingErrors = {
  notAvailable: () =>
    domainError('TRADING.NOT_AVAILABLE', 'In-app trading is not offered on this trading platform; use your trading terminal'),
  accountNotFound: () => domainError('TRADING.ACCOUNT_NOT_FOUND', 'No such trading account of yours'),
  /** The answer of every `/v1/accounts/{login}` route for a login that is not the caller's or not watched. */
  loginNotFound: (login: string) => domainError('TRADING_ACCOUNT.NOT_FOUND', 'No watched trading account has this login', { login }),
  accountNotTradable: (status: string) =>
    domainError('TRADING.ACCOUNT_NOT_TRADABLE', 'This account cannot trade now', { status }),
  rejected: (code: string, message: string) => domainError('TRADING.REJECTED', message, { platformCode: code }),
};
