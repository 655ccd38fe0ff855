import {
  GatewayErrorCode,
  Money,
  PaymentGateway,
  Percent,
  canonicalJson,
  domainError,
  err,
  ok,
  parseCountryCode,
  tryDecimal,
  type AvailabilityWindow,
  type DomainError,
  type GatewaySettings,
  type Result,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { commerceErrors } from '../commerce-errors.js';
import { gatewayView, type GatewayView } from '../shared/gateway-view.js';

export interface GatewayChanges {
  readonly displayName?: string;
  readonly enabled?: boolean;
  /** ISO alpha-2 codes; null offers the gateway in every country not blocked. */
  readonly allowedCountries?: readonly string[] | null;
  readonly blockedCountries?: readonly string[];
  /** A daily window in the gateway's own time zone ("HH:mm", may wrap midnight); null: always open. */
  readonly availability?: AvailabilityWindow | null;
  /** Percent points and a fixed amount in the catalog currency, e.g. { percent: "2.9", fixed: "0.30" }. */
  readonly fee?: { readonly percent: string; readonly fixed: string };
  /**
   * The currency the gateway collects in and its rate, units of it per unit
   * of the catalog currency, e.g. { currency: "INR", rate: "84.1234" }; null:
   * the gateway collects the price currency. Orders already placed keep the
   * charge they were placed with.
   */
  readonly settlement?: { readonly currency: string; readonly rate: string } | null;
}

export interface UpdateGatewayInput {
  readonly actorId: string;
  readonly gatewayId: string;
  readonly changes: GatewayChanges;
}

/** Admin: edits a gateway's country lists, daily window, fees, settlement currency and rate, or enabled flag; audited before/after. */
export class UpdateGateway {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: UpdateGatewayInput): Promise<Result<GatewayView, DomainError>> {
    const at = this.clock.now();
    return this.uow.run(async (tx) => {
      const admin = await requireAdmin(tx, input.actorId, 'payments.gateway_updated');
      if (!admin.ok) return admin;
      const before = await tx.paymentGatewaySettings.findById(input.gatewayId, { forUpdate: true });
      if (!before) return err(domainError(GatewayErrorCode.UNKNOWN, `Unknown payment gateway: ${input.gatewayId}`, { gatewayId: input.gatewayId }));
      const after = applyChanges(before, input.changes);
      if (!after.ok) return after;
      const [beforeView, afterView] = [gatewayView(before), gatewayView(after.value)];
      if (canonicalJson(beforeView) === canonicalJson(afterView)) return ok(afterView);
      await tx.paymentGatewaySettings.save(after.value, at);
      await tx.audit.append({
        at,
        actorId: input.actorId,
        actorRole: 'admin',
        action: 'payments.gateway_updated',
        subjectType: 'payment_gateway',
        subjectId: input.gatewayId,
        details: { before: beforeView, after: afterView },
      });
      return ok(afterView);
    });
  }
}

function applyChanges(current: GatewaySettings, changes: GatewayChanges): Result<GatewaySettings, DomainError> {
  const invalid = (problem: string) => err(commerceErrors.invalidGatewaySettings(current.id, problem));
  const countries = (codes: readonly string[]): Result<string[], DomainError> => {
    const parsed: string[] = [];
    for (const code of codes) {
      const checked = parseCountryCode(code);
      if (!checked.ok) return checked;
      parsed.push(checked.value);
    }
    return ok([...new Set(parsed)]);
  };
  let allowedCountries = current.allowedCountries;
  if (changes.allowedCountries !== undefined) {
    if (changes.allowedCountries === null) allowedCountries = null;
    else {
      const parsed = countries(changes.allowedCountries);
      if (!parsed.ok) return parsed;
      allowedCountries = parsed.value;
    }
  }
  let blockedCountries = current.blockedCountries;
  if (changes.blockedCountries !== undefined) {
    const parsed = countries(changes.blockedCountries);
    if (!parsed.ok) return parsed;
    blockedCountries = parsed.value;
  }
  let fee = current.fee;
  if (changes.fee) {
    const percent = tryDecimal(changes.fee.percent);
    const fixed = tryDecimal(changes.fee.fixed);
    if (!percent || percent.isNegative() || percent.greaterThanOrEqualTo(100)) return invalid('The fee percent must be from 0 to below 100');
    if (!fixed || fixed.isNegative() || fixed.decimalPlaces() > 2) return invalid('The fixed fee must be a non-negative amount to the cent');
    fee = { percent: Percent.of(percent), fixed: Money.of(fixed, current.fee.fixed.currency) };
  }
  let settlement = current.settlement ?? null;
  if (changes.settlement !== undefined) {
    if (changes.settlement === null) settlement = null;
    else {
      const rate = tryDecimal(changes.settlement.rate);
      if (!rate) return invalid('The settlement rate must be a decimal number');
      settlement = { currency: changes.settlement.currency.trim().toUpperCase(), rate };
    }
  }
  const displayName = changes.displayName?.trim() ?? current.displayName;
  if (displayName === '') return invalid('The display name cannot be empty');
  const next: GatewaySettings = {
    ...current,
    displayName,
    enabled: changes.enabled ?? current.enabled,
    allowedCountries,
    blockedCountries,
    availability: changes.availability === undefined ? current.availability : changes.availability,
    fee,
    settlement,
  };
  try {
    // The domain validates the window (HH:mm, known IANA zone), the fee signs and the settlement (code, rate).
    const validated = PaymentGateway.of(next).settings;
    return ok({ ...next, allowedCountries: validated.allowedCountries, blockedCountries: validated.blockedCountries });
  } catch (problem) {
    return invalid((problem as Error).message);
  }
}
