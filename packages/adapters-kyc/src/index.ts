/**
 * @tradesense/adapters-kyc: identity verification behind the application's
 * KycProvider port (Sumsub, or the built-in manual review) and the keyed
 * hashing of document numbers.
 */
export * from './container-module.js';
export * from './config/kyc-config.js';
export * from './document-number-hasher.js';
export * from './manual/manual-kyc-provider.js';
export * from './sumsub/sumsub-signature.js';
export * from './sumsub/sumsub-webhook-signature.js';
export * from './sumsub/sumsub-client.js';
export * from './sumsub/sumsub-kyc-provider.js';
