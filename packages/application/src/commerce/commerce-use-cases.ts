import type { ChallengeStore } from '../challenges/ports/challenge-store.js';
import type { UseCaseDependencies } from '../use-case-dependencies.js';
import type { OutboxHandler } from '../ports/outbox-handler.js';
import type { TradingPlatform } from '../ports/trading-platform.js';
import { DisableTradingOnPlatform } from './handlers/disable-trading.js';
import { FulfilPaidOrders } from './handlers/fulfil-paid-orders.js';
import { AccountProvisioner } from './ports/account-provisioner.js';
import { commerceLinks } from './shared/commerce-links.js';
import { ActivateTrial } from './use-cases/activate-trial.js';
import { CancelTrial } from './use-cases/cancel-trial.js';
import { ChargeDueTrials } from './use-cases/charge-due-trials.js';
import { CheckoutReturn } from './use-cases/checkout-return.js';
import { ConfirmPayment } from './use-cases/confirm-payment.js';
import { EditModel } from './use-cases/edit-model.js';
import { FulfilOrder } from './use-cases/fulfil-order.js';
import { GetOrder } from './use-cases/get-order.js';
import { GetTrial } from './use-cases/get-trial.js';
import { HandlePaymentEvent } from './use-cases/handle-payment-event.js';
import { ListCatalog } from './use-cases/list-catalog.js';
import { ListGatewaysForUser } from './use-cases/list-gateways-for-user.js';
import { ListProhibitedCountries } from './use-cases/list-prohibited-countries.js';
import { OrderHistory } from './use-cases/order-history.js';
import { PlaceOrder } from './use-cases/place-order.js';
import { ProvisionTrialChallenge } from './use-cases/provision-trial-challenge.js';
import { ReceivePaymentWebhook } from './use-cases/receive-payment-webhook.js';
import { RecordRefund } from './use-cases/record-refund.js';
import { RefundOrder } from './use-cases/refund-order.js';
import { RemoveProhibitedCountry } from './use-cases/remove-prohibited-country.js';
import { ReturnFromCheckout } from './use-cases/return-from-checkout.js';
import { SendTrialReminders } from './use-cases/send-trial-reminders.js';
import { SetProhibitedCountry } from './use-cases/set-prohibited-country.js';
import { SetSizeEnabled } from './use-cases/set-size-enabled.js';
import { SetSizePrice } from './use-cases/set-size-price.js';
import { StartTrial } from './use-cases/start-trial.js';
import { UpdateGateway } from './use-cases/update-gateway.js';

/** The use cases of the commerce context, built from plain dependencies. */
export function createCommerceUseCases(deps: UseCaseDependencies, challenges: ChallengeStore) {
  const { uow, clock, ids, calendar, paymentGateways } = deps;
  const checkoutReturnUrl = deps.links.checkoutReturn;
  const links = commerceLinks(deps.links.publicBaseUrl);
  const provisioner = new AccountProvisioner(uow, deps.tradingPlatform, clock);
  const fulfilOrder = new FulfilOrder(uow, provisioner, ids, clock, calendar, challenges);
  const confirmPayment = new ConfirmPayment(uow, fulfilOrder, clock, links);
  const refundOrder = new RefundOrder(uow, clock, challenges);
  const provisionTrialChallenge = new ProvisionTrialChallenge(uow, provisioner, ids, clock, calendar, challenges);
  const activateTrial = new ActivateTrial(uow, provisionTrialChallenge, ids, clock);
  const handlePaymentEvent = new HandlePaymentEvent(uow, paymentGateways, confirmPayment, refundOrder, activateTrial, clock, links);
  const returnFromCheckout = new ReturnFromCheckout(uow, paymentGateways, handlePaymentEvent);
  return {
    listCatalog: new ListCatalog(uow),
    editModel: new EditModel(uow, clock),
    setSizePrice: new SetSizePrice(uow, clock),
    enableSize: new SetSizeEnabled(uow, clock, true),
    disableSize: new SetSizeEnabled(uow, clock, false),
    listGatewaysForUser: new ListGatewaysForUser(uow, paymentGateways, clock),
    updateGateway: new UpdateGateway(uow, clock),
    listProhibitedCountries: new ListProhibitedCountries(uow),
    setProhibitedCountry: new SetProhibitedCountry(uow, clock),
    removeProhibitedCountry: new RemoveProhibitedCountry(uow, clock),
    placeOrder: new PlaceOrder(uow, paymentGateways, ids, clock, checkoutReturnUrl),
    confirmPayment,
    fulfilOrder,
    refundOrder,
    recordRefund: new RecordRefund(uow, refundOrder, clock),
    handlePaymentEvent,
    returnFromCheckout,
    checkoutReturn: new CheckoutReturn(uow, paymentGateways, returnFromCheckout),
    receivePaymentWebhook: new ReceivePaymentWebhook(paymentGateways, handlePaymentEvent),
    startTrial: new StartTrial(uow, paymentGateways, ids, clock, checkoutReturnUrl),
    activateTrial,
    provisionTrialChallenge,
    cancelTrial: new CancelTrial(uow, clock, challenges),
    sendTrialReminders: new SendTrialReminders(uow, clock, links),
    chargeDueTrials: new ChargeDueTrials(uow, paymentGateways, fulfilOrder, ids, clock, links, challenges),
    orderHistory: new OrderHistory(uow),
    getOrder: new GetOrder(uow),
    getTrial: new GetTrial(uow),
  };
}

export type CommerceUseCases = ReturnType<typeof createCommerceUseCases>;

/** Outbox handlers of the commerce context (the composition root multi-binds them to OUTBOX_HANDLER). */
export function createCommerceOutboxHandlers(useCases: Pick<CommerceUseCases, 'fulfilOrder'>, tradingPlatform: TradingPlatform): OutboxHandler[] {
  return [new FulfilPaidOrders(useCases.fulfilOrder), new DisableTradingOnPlatform(tradingPlatform)];
}
