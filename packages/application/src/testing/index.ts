export * from './manual-clock.js';
export * from './risk-fixtures.js';
