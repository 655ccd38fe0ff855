/**
 * @tradesense/domain: the firm's rules as pure TypeScript. No I/O, no clock,
 * no randomness: instants and ids are passed in, amounts are Decimal.
 */
export * from './shared/result.js';
export * from './shared/domain-error.js';
export * from './shared/domain-event.js';
export * from './shared/aggregate-root.js';
export * from './shared/invariant.js';
export * from './money/decimal.js';
export * from './money/money.js';
export * from './money/percent.js';
export * from './calendar/local-date.js';
export * from './calendar/trading-calendar.js';
