/**
 * @tradesense/adapters-payments: the payment gateways of rule book section
 * 10 behind the application's PaymentGateway port, with webhook verification.
 */
export * from './container-module.js';
export * from './config/payments-config.js';
export * from './registry/static-payment-gateway-registry.js';
export * from './stripe/stripe-client.js';
export * from './stripe/stripe-gateway.js';
export * from './paypal/paypal-api.js';
export * from './paypal/paypal-certificates.js';
export * from './paypal/paypal-webhook-verifier.js';
export * from './paypal/paypal-gateway.js';
export * from './crypto/coinbase-commerce-gateway.js';
export * from './upi/razorpay-client.js';
export * from './upi/razorpay-gateway.js';
export * from './tc-pay/tc-pay-signature.js';
export * from './tc-pay/tc-pay-gateway.js';
export * from './simulated/simulated-gateway.js';
