// What `@tradesense/application` publishes of the shared kernel. The helpers
// (require-admin, retry-on-conflict, page-limit, …) serve the contexts only.
export * from './requester.js';
export * from './cursor-page.js';
export * from './load-options.js';
export * from './shared-errors.js';
export * from './trading-group.js';
export * from './conversion-routes.js';
