import { ACCESS_TOKENS, OPAQUE_TOKENS, PASSWORD_HASHER, PASSWORD_STRENGTH } from '@tradesense/application';
import { ContainerModule } from 'inversify';
import { Argon2PasswordHasher, type Argon2Options } from './argon2-password-hasher.js';
import { cryptoOpaqueTokens } from './crypto-opaque-tokens.js';
import { JoseAccessTokens, type AccessTokenSettings } from './jose-access-tokens.js';
import { ZxcvbnPasswordStrength } from './zxcvbn-password-strength.js';

export interface AuthModuleConfig {
  readonly accessTokens: AccessTokenSettings;
  readonly argon2?: Argon2Options;
}

export function authModule(config: AuthModuleConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(PASSWORD_HASHER).toConstantValue(new Argon2PasswordHasher(config.argon2));
    bind(ACCESS_TOKENS).toConstantValue(new JoseAccessTokens(config.accessTokens));
    bind(OPAQUE_TOKENS).toConstantValue(cryptoOpaqueTokens);
    bind(PASSWORD_STRENGTH).toConstantValue(new ZxcvbnPasswordStrength());
  });
}
