import { z } from 'zod';
import '../openapi/zod-openapi.js';
import { Id, IdText, Instant, pageOf } from './common.js';

export const RegisterRequest = z
  .object({
    email: z.email().max(254),
    password: z.string().min(10).max(256),
    country: z.string().regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2 code').openapi({ maxLength: 2 }),
    displayName: z.string().trim().min(1).max(40).optional(),
  })
  .strict()
  .openapi('RegisterRequest');

export const RegisterResponse = z.object({ userId: IdText }).openapi('RegisterResponse');

export const LoginRequest = z.object({ email: z.string().max(254), password: z.string().max(256) }).strict().openapi('LoginRequest');

export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(512) }).strict().openapi('RefreshRequest');

export const SessionResponse = z
  .object({
    userId: IdText,
    role: z.enum(['trader', 'admin']),
    accessToken: z.string().max(4096),
    accessTokenExpiresAt: z.iso.datetime().max(40),
    refreshToken: z.string().max(512),
    refreshTokenExpiresAt: z.iso.datetime().max(40),
    tokenType: z.literal('Bearer'),
  })
  .openapi('Session');

export const PasswordResetRequest = z.object({ email: z.string().max(254) }).strict().openapi('PasswordResetRequest');

export const PasswordResetCompletion = z
  .object({ token: z.string().min(1).max(512), newPassword: z.string().min(10).max(256) })
  .strict()
  .openapi('PasswordResetCompletion');

export const MeResponse = z
  .object({ userId: IdText, role: z.enum(['trader', 'admin']) })
  .openapi('Me');

export const UserParams = z.object({ userId: Id }).strict();

/** One sign-in, refresh or trade with where its client came from (admins only: the address is personal data). */
export const ClientActivity = z
  .object({
    id: IdText,
    userId: IdText,
    kind: z.enum(['sign_in', 'refresh', 'trade']),
    /** The trading account's login, for a trade. */
    login: IdText.nullable(),
    ip: z.string().max(64).nullable(),
    deviceId: z.string().max(128).nullable(),
    userAgent: z.string().max(256).nullable(),
    at: Instant,
  })
  .openapi('ClientActivity');

export const ClientActivityPage = pageOf(ClientActivity, 'ClientActivityPage');
