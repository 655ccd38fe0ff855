export * from './ports/token.js';
