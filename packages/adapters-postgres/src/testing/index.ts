export * from './test-databases.js';
export * from './pglite-template.js';
