import type { Platform } from '@tradesense/bootstrap';
import type { AnyRoute } from '../api/route.js';
import { authRoutes } from './auth-routes.js';
import { tradingRoutes } from './trading-routes.js';

/** Every API route; the OpenAPI document is generated from this same list. */
export function allRoutes(platform: Platform): AnyRoute[] {
  return [...authRoutes(platform.useCases), ...tradingRoutes(platform.useCases)];
}
