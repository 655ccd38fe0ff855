import { TradingPlatformError, type TradingPlatformErrorCode } from '@tradesense/application';

/** A parsed MT5 retcode: the Web API sends `"<code> <text>"`, e.g. `"10019 No money"`. */
export interface Retcode {
  readonly code: number;
  readonly text: string;
}

export function parseRetcode(raw: unknown): Retcode {
  const text = typeof raw === 'string' ? raw.trim() : String(raw ?? '');
  const match = /^(-?\d+)\s*(.*)$/.exec(text);
  if (!match) return { code: -1, text: text || 'missing retcode' };
  return { code: Number(match[1]), text: match[2] ?? '' };
}

export const isSuccess = (retcode: Retcode): boolean => retcode.code === 0 || retcode.code === 1;

/** Trade request results that mean the request was carried out. */
export const isTradeDone = (retcode: Retcode): boolean => [10008, 10009, 10010].includes(retcode.code);

const EXACT: Readonly<Record<number, TradingPlatformErrorCode>> = {
  3: 'PLATFORM.INVALID_REQUEST',
  4: 'PLATFORM.INVALID_REQUEST',
  7: 'PLATFORM.UNAVAILABLE',
  8: 'PLATFORM.PERMISSION_DENIED',
  9: 'PLATFORM.UNAVAILABLE',
  10: 'PLATFORM.UNAVAILABLE',
  11: 'PLATFORM.UNAVAILABLE',
  12: 'PLATFORM.UNAVAILABLE',
  13: 'PLATFORM.ACCOUNT_NOT_FOUND',
  15: 'PLATFORM.UNAVAILABLE',
  3004: 'PLATFORM.LOGIN_EXISTS',
  3006: 'PLATFORM.INVALID_PASSWORD',
  4005: 'PLATFORM.INVALID_REQUEST',
  10013: 'PLATFORM.INVALID_REQUEST',
  10014: 'PLATFORM.INVALID_VOLUME',
  10015: 'PLATFORM.INVALID_REQUEST',
  10016: 'PLATFORM.INVALID_STOPS',
  10017: 'PLATFORM.TRADE_DISABLED',
  10018: 'PLATFORM.MARKET_CLOSED',
  10019: 'PLATFORM.NOT_ENOUGH_MONEY',
  10021: 'PLATFORM.NO_PRICE',
  10031: 'PLATFORM.UNAVAILABLE',
  10036: 'PLATFORM.POSITION_NOT_FOUND',
};

export interface RetcodeContext {
  /** What "13 Not found" means for this command. */
  readonly notFound?: TradingPlatformErrorCode;
  readonly command: string;
}

/** Turns a failed retcode into the port's typed error, keeping the raw code. */
export function retcodeError(retcode: Retcode, context: RetcodeContext): TradingPlatformError {
  let code: TradingPlatformErrorCode = EXACT[retcode.code] ?? 'PLATFORM.REJECTED';
  if (retcode.code === 13 && context.notFound) code = context.notFound;
  if (retcode.code >= 1000 && retcode.code < 2000) code = 'PLATFORM.AUTH_FAILED';
  return new TradingPlatformError(code, `${context.command}: ${retcode.code} ${retcode.text}`.trim(), retcode.code, {
    command: context.command,
  });
}
