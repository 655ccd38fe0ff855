import type { Session, UseCases } from '@tradesense/application';
import { defineRoute, type AnyRoute } from '../api/route.js';
import { domainProblem } from '../api/api-router.js';
import { clientContext } from '../api/client-context.js';
import {
  LoginRequest,
  MeResponse,
  PasswordResetCompletion,
  PasswordResetRequest,
  RefreshRequest,
  RegisterRequest,
  RegisterResponse,
  SessionResponse,
} from '../schemas/auth-schemas.js';

const sessionBody = (s: Session) => ({
  userId: s.userId,
  role: s.role,
  accessToken: s.accessToken,
  accessTokenExpiresAt: s.accessTokenExpiresAt.toISOString(),
  refreshToken: s.refreshToken,
  refreshTokenExpiresAt: s.refreshTokenExpiresAt.toISOString(),
  tokenType: 'Bearer' as const,
});

/** Token responses must never be kept by a browser, proxy or CDN cache (RFC 6749 §5.1). */
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

export function authRoutes(useCases: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post', path: '/v1/auth/register', operationId: 'register', summary: 'Create a trader account',
      tags: ['auth'], access: 'public', rateLimited: true,
      request: { body: RegisterRequest },
      responses: { 201: { description: 'Registered', schema: RegisterResponse } },
      handler: async ({ body }) => {
        const result = await useCases.registerUser.execute({
          email: body.email, password: body.password, country: body.country, displayName: body.displayName ?? null,
        });
        return result.ok ? { status: 201, body: result.value } : domainProblem(result.error);
      },
    }),
    defineRoute({
      method: 'post', path: '/v1/auth/login', operationId: 'login', refusals: [401], summary: 'Sign in with e-mail and password',
      tags: ['auth'], access: 'public', rateLimited: true, clientActivity: true,
      request: { body: LoginRequest },
      responses: { 200: { description: 'Signed in', schema: SessionResponse } },
      handler: async ({ body, req }) => {
        const result = await useCases.sessions.signIn(body.email, body.password, clientContext(req));
        return result.ok ? { status: 200, body: sessionBody(result.value), headers: NO_STORE } : domainProblem(result.error);
      },
    }),
    defineRoute({
      method: 'post', path: '/v1/auth/refresh', operationId: 'refresh', refusals: [401], summary: 'Exchange a refresh token for a new session (rotation)',
      tags: ['auth'], access: 'public', rateLimited: true, clientActivity: true,
      request: { body: RefreshRequest },
      responses: { 200: { description: 'New session', schema: SessionResponse } },
      handler: async ({ body, req }) => {
        const result = await useCases.sessions.refresh(body.refreshToken, clientContext(req));
        return result.ok ? { status: 200, body: sessionBody(result.value), headers: NO_STORE } : domainProblem(result.error);
      },
    }),
    defineRoute({
      method: 'post', path: '/v1/auth/logout', operationId: 'logout', summary: 'Revoke the session of a refresh token',
      tags: ['auth'], access: 'public', rateLimited: true,
      request: { body: RefreshRequest },
      responses: { 204: { description: 'Signed out' } },
      handler: async ({ body }) => {
        await useCases.sessions.signOut(body.refreshToken);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post', path: '/v1/auth/password-reset', operationId: 'requestPasswordReset',
      summary: 'E-mail a password reset link (answers the same whether the account exists or not)',
      tags: ['auth'], access: 'public', rateLimited: true,
      request: { body: PasswordResetRequest },
      responses: { 202: { description: 'Accepted' } },
      handler: async ({ body }) => {
        await useCases.passwordReset.request(body.email);
        return { status: 202 };
      },
    }),
    defineRoute({
      method: 'post', path: '/v1/auth/password-reset/complete', operationId: 'completePasswordReset', refusals: [401],
      summary: 'Set a new password with the e-mailed token', tags: ['auth'], access: 'public', rateLimited: true,
      request: { body: PasswordResetCompletion },
      responses: { 204: { description: 'Password changed; every session signed out' } },
      handler: async ({ body }) => {
        const result = await useCases.passwordReset.complete(body.token, body.newPassword);
        return result.ok ? { status: 204 } : domainProblem(result.error);
      },
    }),
    defineRoute({
      method: 'get', path: '/v1/me', operationId: 'me', summary: 'Who the access token belongs to',
      tags: ['auth'], access: 'authenticated',
      responses: { 200: { description: 'The caller', schema: MeResponse } },
      handler: async ({ auth }) => ({ status: 200, body: { userId: auth!.userId, role: auth!.role } }),
    }),
  ];
}
