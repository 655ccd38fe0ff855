export * from './worker.js';
export * from './risk/rendezvous.js';
export * from './risk/risk-monitor.js';
export * from './risk/create-risk-monitor.js';
export * from './outbox/outbox-dispatcher.js';
