import { token, type Token } from '@tradesense/application';
import type { TradingCalendar } from '@tradesense/domain';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../logging/logger.js';

export const CONFIG: Token<Config> = token<Config>('Config');
export const LOGGER: Token<Logger> = token<Logger>('Logger');
export const TRADING_CALENDAR: Token<TradingCalendar> = token<TradingCalendar>('TradingCalendar');
