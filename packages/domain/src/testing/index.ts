/**
 * @tradesense/domain/testing: a QA kit for property-based rule tests in
 * projects that embed the domain (docs/qa.md). fast-check is its peer
 * dependency; the kit reads no clock and draws no random number except
 * through fast-check, so a fixed seed replays a run exactly.
 */
// fast-check arbitraries
export * from './rule-options-arbitrary.js';
export * from './trading-restrictions-arbitrary.js';
export * from './model-parameters-arbitrary.js';
export * from './challenge-model-arbitrary.js';
export * from './rule-snapshot-arbitrary.js';
export * from './firm-calendar-arbitrary.js';
export * from './instant-arbitrary.js';
export * from './deal-stream-arbitrary.js';
export * from './tick-stream-arbitrary.js';
export * from './near-floor-account-arbitrary.js';
// object mothers
export * from './qa-defaults.js';
export * from './trading-account-mother.js';
export * from './challenge-mother.js';
export * from './breach-record-mother.js';
export * from './deal-fact-mother.js';
export * from './funded-account-mother.js';
export * from './competition-mother.js';
export * from './order-mother.js';
export * from './kyc-case-mother.js';
export * from './affiliate-mother.js';
export * from './user-mother.js';
// given / when / then for trading-account decisions
export * from './event-expectation.js';
export * from './trading-account-command.js';
export * from './trading-account-scenario.js';
