export * from './argon2-password-hasher.js';
export * from './jose-access-tokens.js';
export * from './crypto-opaque-tokens.js';
export * from './container-module.js';
export * from './zxcvbn-password-strength.js';
