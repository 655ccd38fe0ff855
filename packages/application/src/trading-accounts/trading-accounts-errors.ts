import { domainError } from '@tradesense/domain';

/** Failures of the trading-account use cases that the aggregate does not name itself. */
export const tradingAccountsErrors = {
  /** Also the answer for another trader's account: its existence is not disclosed. */
  notFound: (login: string) => domainError('TRADING_ACCOUNT.NOT_FOUND', 'No watched trading account has this login', { login }),
  verdictMismatch: (login: string, stored: string, replayed: string) =>
    domainError('TRADING_ACCOUNT.VERDICT_MISMATCH', 'The reported breach does not match its inputs', { login, stored, replayed }),
  noVerdict: (login: string) =>
    domainError('TRADING_ACCOUNT.NO_VERDICT', 'The trading account has no such stored breach verdict', { login }),
  noViolation: (login: string) =>
    domainError('TRADING_ACCOUNT.NO_VIOLATION', 'The trading account has no such stored restriction violation', { login }),
  violationNotFound: (login: string, violationId: string) =>
    domainError('TRADING_ACCOUNT.VIOLATION_NOT_FOUND', 'The trading account has no such restriction violation', { login, violationId }),
  positionCloseNotAvailable: (login: string) =>
    domainError('TRADING_ACCOUNT.POSITION_CLOSE_NOT_AVAILABLE', 'The trading platform offers no way to close one position', { login }),
  notTrading: (login: string, status: string) =>
    domainError('TRADING_ACCOUNT.NOT_ACTIVE', 'The trading account is not trading', { login, status }),
};
