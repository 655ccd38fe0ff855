export * from './config/config-schema.js';
export * from './config/load-config.js';
export * from './logging/logger.js';
export * from './runtime/platform.js';
export * from './runtime/tokens.js';
export * from './runtime/shutdown.js';
export * from './runtime/system-clock.js';
export * from './runtime/crypto-id-generator.js';
