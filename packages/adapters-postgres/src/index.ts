export * from './database/database.js';
export * from './database/ping.js';
export * from './database/type-parsers.js';
export * from './migrations/index.js';
export type { Migration } from './migrations/migration.js';
export * from './database/readiness.js';
export * from './workers/postgres-worker-registry.js';
export * from './container-module.js';
