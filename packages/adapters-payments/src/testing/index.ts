/**
 * Loopback fakes of the payment providers (their wire formats, through the
 * real SDKs) and their signed notifications, for end-to-end tests of outer
 * packages.
 */
export type { FakeServer, RecordedRequest } from './fake-http-server.js';
export { startFakeStripe, DECLINING_PAYMENT_METHOD, type FakeStripe } from './fake-stripe-server.js';
export { startFakePayPal, FAKE_PAYPAL_CLIENT_ID, FAKE_PAYPAL_CLIENT_SECRET, type FakePayPal } from './fake-paypal-server.js';
export { TEST_PAYPAL_CERTIFICATE, TEST_PAYPAL_PRIVATE_KEY } from './paypal-test-certificate.js';
export { startFakeCoinbaseCommerce, FAKE_COINBASE_API_KEY } from './fake-coinbase-commerce-server.js';
export { startFakeRazorpay, FAKE_RAZORPAY_KEY_ID, FAKE_RAZORPAY_KEY_SECRET, type FakeRazorpay } from './fake-razorpay-server.js';
export { startFakeTcPay, FAKE_TC_PAY_MERCHANT, FAKE_TC_PAY_API_SECRET, type FakeTcPay } from './fake-tc-pay-server.js';
export * from './provider-notifications.js';
