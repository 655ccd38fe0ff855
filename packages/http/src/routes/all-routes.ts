import { KYC_PROVIDER } from '@tradesense/application';
import type { Platform } from '@tradesense/bootstrap';
import type { AnyRoute } from '../api/route.js';
import { adminRoutes } from './admin-routes.js';
import { authRoutes } from './auth-routes.js';
import { challengeRoutes } from './challenge-routes.js';
import { checkoutReturnRoutes } from './checkout-return-routes.js';
import { commerceRoutes } from './commerce-routes.js';
import { communityRoutes } from './community-routes.js';
import { fundingRoutes } from './funding-routes.js';
import { signalsRoutes } from './signals-routes.js';
import { tradingAccountRoutes } from './trading-account-routes.js';
import { tradingRoutes } from './trading-routes.js';
import { operationsRoutes } from './operations-routes.js';
import { economicCalendarRoutes } from './economic-calendar-routes.js';

/** Every API route; the OpenAPI document is generated from this same list. */
export function allRoutes(platform: Platform): AnyRoute[] {
  return [
    ...authRoutes(platform.useCases),
    ...tradingRoutes(platform.useCases),
    ...commerceRoutes(platform.useCases),
    ...checkoutReturnRoutes(platform.useCases),
    ...challengeRoutes(platform.useCases),
    ...tradingAccountRoutes(platform.useCases),
    ...fundingRoutes(platform.useCases, platform.get(KYC_PROVIDER)),
    ...communityRoutes(platform.useCases),
    ...signalsRoutes(platform.useCases),
    ...adminRoutes(platform.useCases),
    ...economicCalendarRoutes(platform.useCases),
    ...operationsRoutes(platform.useCases),
  ];
}
