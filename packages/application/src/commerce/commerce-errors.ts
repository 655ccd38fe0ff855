import { domainError } from '@tradesense/domain';
import { sharedErrors } from '../shared-kernel/shared-errors.js';

/** Refusals of the commerce use cases that no aggregate makes itself. */
export const commerceErrors = {
  forbidden: sharedErrors.forbidden,
  userNotFound: sharedErrors.userNotFound,
  modelNotFound: (modelId: string) => domainError('CATALOG.MODEL_NOT_FOUND', 'No such challenge model', { modelId }),
  orderNotFound: (orderId: string | null) => domainError('ORDER.NOT_FOUND', 'No such order', { orderId }),
  challengeNotFound: (challengeId: string) => domainError('CHALLENGE.NOT_FOUND', 'No such challenge', { challengeId }),
  resetNotAllowed: (challengeId: string, status: string) =>
    domainError('ORDER.RESET_NOT_ALLOWED', 'Only a failed or expired challenge can be reset', { challengeId, status }),
  checkoutFailed: (gatewayId: string, providerCode: string) =>
    domainError('PAYMENT.CHECKOUT_FAILED', 'The payment provider could not start the checkout', { gatewayId, providerCode }),
  providerMismatch: (orderId: string, expected: string, actual: string) =>
    domainError('ORDER.PAYMENT_PROVIDER_MISMATCH', 'The payment came through another gateway than the order', {
      orderId,
      expected,
      actual,
    }),
  provisioningFailed: (orderId: string, platformCode: string) =>
    domainError('ORDER.PROVISIONING_FAILED', 'The trading account could not be created; the fulfilment will be retried', {
      orderId,
      platformCode,
    }),
  invalidGatewaySettings: (gatewayId: string, problem: string) =>
    domainError('PAYMENT.INVALID_GATEWAY_SETTINGS', problem, { gatewayId }),
  countryNotProhibited: (code: string) => domainError('COUNTRY.NOT_PROHIBITED', 'The country is not on the prohibited list', { code }),
  invalidProhibitedCountry: (problem: string) => domainError('COUNTRY.INVALID_ENTRY', problem, {}),
  invalidAmount: (field: string, value: string) => domainError('REQUEST.INVALID_AMOUNT', `${field} is not a valid amount`, { field, value }),
  trialNotFound: (trialId: string) => domainError('TRIAL.NOT_FOUND', 'No such trial', { trialId }),
  trialAlreadyUsed: (traderId: string) => domainError('TRIAL.ALREADY_USED', 'A trader gets one free trial', { traderId }),
  trialCheckoutNotFound: (checkoutId: string | null) =>
    domainError('TRIAL.CHECKOUT_NOT_FOUND', 'No trial sign-up matches this payment method', { checkoutId }),
  offSessionUnsupported: (gatewayId: string) =>
    domainError('TRIAL.GATEWAY_UNSUPPORTED', 'This payment method cannot be charged at the end of a trial', { gatewayId }),
};
