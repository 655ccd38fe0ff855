import type { Decimal } from 'decimal.js';
import type { RenderedEmail } from './email-content.js';
import { formatInstant, formatMoney } from '../formatting/format.js';
import { renderEmail } from './render-email.js';

export interface PurchaseReceiptEmail {
  readonly traderName: string;
  readonly orderId: string;
  /** e.g. "2-Step Challenge, 100,000 USD, swap-free". */
  readonly productName: string;
  readonly price: Decimal;
  readonly gatewayFee: Decimal;
  readonly total: Decimal;
  readonly currency: string;
  /** Set when the gateway collected in another currency (UPI: rupees): the amount taken and the rate per unit of `currency`. */
  readonly charge?: { readonly amount: Decimal; readonly currency: string; readonly rate: Decimal } | null;
  readonly gateway: string;
  readonly paidAt: Date;
  readonly dashboardUrl: string;
}

export function purchaseReceiptEmail(input: PurchaseReceiptEmail): RenderedEmail {
  return renderEmail({
    subject: `Receipt for order ${input.orderId}`,
    greeting: `Hello ${input.traderName},`,
    paragraphs: [
      `Thank you for your purchase. Your payment was confirmed and your ${input.productName} is being set up.`,
    ],
    facts: [
      ['Order', input.orderId],
      ['Product', input.productName],
      ['Price', formatMoney(input.price, input.currency)],
      ['Payment fee', formatMoney(input.gatewayFee, input.currency)],
      ['Total paid', formatMoney(input.total, input.currency)],
      ...(input.charge
        ? ([['Charged', `${formatMoney(input.charge.amount, input.charge.currency)} at ${input.charge.rate.toFixed()} ${input.charge.currency} per ${input.currency}`]] as const)
        : []),
      ['Paid with', input.gateway],
      ['Paid at', formatInstant(input.paidAt)],
    ],
    action: { label: 'Open your dashboard', url: input.dashboardUrl },
    closing: ['Your trading account credentials follow in a separate e-mail as soon as the account is ready.'],
  });
}
