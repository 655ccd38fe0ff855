import { Decimal } from 'decimal.js';
import { TradingPlatformError, type Deal, type DealEntry, type DealKind, type DealReason, type OpenPosition } from '@tradesense/application';
import { fromServerTime, type ServerTimeZone } from './server-time.js';

/** The Web API sends every number as a JSON string; money becomes Decimal, never a float. */
export function decimalField(record: Record<string, unknown>, field: string): Decimal {
  const value = record[field];
  if (value === undefined || value === null || value === '') return new Decimal(0);
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new TradingPlatformError('PLATFORM.UNAVAILABLE', `MT5 field ${field} is not a number`);
  }
  try {
    return new Decimal(String(value).trim());
  } catch {
    throw new TradingPlatformError('PLATFORM.UNAVAILABLE', `MT5 field ${field} is not a number: ${String(value)}`);
  }
}

export const textField = (record: Record<string, unknown>, field: string): string => {
  const value = record[field];
  return value === undefined || value === null ? '' : String(value);
};

export const integerField = (record: Record<string, unknown>, field: string): number => decimalField(record, field).toNumber();

/** Volumes: `VolumeExt` has 8 decimals of a lot, the older `Volume` has 4. */
export function lotsOf(record: Record<string, unknown>, prefix = 'Volume'): Decimal {
  const extended = record[`${prefix}Ext`];
  if (extended !== undefined && extended !== null && extended !== '') return decimalField(record, `${prefix}Ext`).dividedBy(1e8);
  return decimalField(record, prefix).dividedBy(1e4);
}

/** Server wall-clock time of a record: the millisecond field when present. */
export function serverMillis(record: Record<string, unknown>, seconds: string, millis: string): number {
  const ms = record[millis];
  if (ms !== undefined && ms !== null && ms !== '' && ms !== '0') return integerField(record, millis);
  return integerField(record, seconds) * 1_000;
}

export const asRecord = (value: unknown): Record<string, unknown> => {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new TradingPlatformError('PLATFORM.UNAVAILABLE', 'MT5 answered with an unexpected shape');
};

export const asRecords = (value: unknown): Record<string, unknown>[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new TradingPlatformError('PLATFORM.UNAVAILABLE', 'MT5 answered with an unexpected shape');
  return value.map(asRecord);
};

// IMTDeal::EnDealAction
const DEAL_KINDS: Readonly<Record<number, DealKind>> = {
  0: 'buy',
  1: 'sell',
  2: 'balance',
  3: 'credit',
  4: 'charge',
  5: 'correction',
  6: 'bonus',
  7: 'commission',
  8: 'commission',
};
// IMTDeal::EnDealEntry
const DEAL_ENTRIES: Readonly<Record<number, DealEntry>> = { 0: 'in', 1: 'out', 2: 'inout', 3: 'out_by' };
// IMTDeal::EnDealReason
const DEAL_REASONS: Readonly<Record<number, DealReason>> = {
  0: 'client',
  1: 'client',
  2: 'dealer',
  3: 'stop_loss',
  4: 'take_profit',
  5: 'stop_out',
  16: 'client',
  17: 'client',
};

export const DEAL_ACTION_BALANCE = 2;
export const DEAL_ACTION_CORRECTION = 5;

export function toDeal(record: Record<string, unknown>, zone: ServerTimeZone): Deal {
  const action = integerField(record, 'Action');
  const kind = DEAL_KINDS[action] ?? 'charge';
  const trade = kind === 'buy' || kind === 'sell';
  const symbol = textField(record, 'Symbol');
  const positionId = textField(record, 'PositionID');
  return {
    dealId: textField(record, 'Deal'),
    login: textField(record, 'Login'),
    time: fromServerTime(zone, serverMillis(record, 'Time', 'TimeMsc')),
    kind,
    entry: trade ? (DEAL_ENTRIES[integerField(record, 'Entry')] ?? null) : null,
    reason: DEAL_REASONS[integerField(record, 'Reason')] ?? 'other',
    symbol: trade && symbol ? symbol : null,
    positionId: trade && positionId && positionId !== '0' ? positionId : null,
    volume: trade ? lotsOf(record) : new Decimal(0),
    price: decimalField(record, 'Price'),
    profit: decimalField(record, 'Profit'),
    swap: decimalField(record, 'Storage'),
    commission: decimalField(record, 'Commission').plus(decimalField(record, 'Fee')),
    comment: textField(record, 'Comment'),
  };
}

const priceOrNull = (record: Record<string, unknown>, field: string): Decimal | null => {
  const value = decimalField(record, field);
  return value.isZero() ? null : value;
};

export function toOpenPosition(record: Record<string, unknown>, zone: ServerTimeZone): OpenPosition {
  return {
    positionId: textField(record, 'Position'),
    login: textField(record, 'Login'),
    symbol: textField(record, 'Symbol'),
    side: integerField(record, 'Action') === 0 ? 'buy' : 'sell',
    volume: lotsOf(record),
    openPrice: decimalField(record, 'PriceOpen'),
    currentPrice: decimalField(record, 'PriceCurrent'),
    stopLoss: priceOrNull(record, 'PriceSL'),
    takeProfit: priceOrNull(record, 'PriceTP'),
    profit: decimalField(record, 'Profit'),
    swap: decimalField(record, 'Storage'),
    openedAt: fromServerTime(zone, serverMillis(record, 'TimeCreate', 'TimeCreateMsc')),
  };
}

/** Ticket order: tickets are 64-bit, so compare them as integers, not as floats. */
export const ticketOrder = (a: string, b: string): number => {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
};
