import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('defaults to the embedded mode with data under ./.tradesense', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('embedded');
    expect(config.dataDir.endsWith('.tradesense')).toBe(true);
    expect(config.database.dataDir?.endsWith('.tradesense/pgdata')).toBe(true);
    expect(config.calendar).toEqual({ timeZone: 'America/New_York', resetTime: '17:00' });
    expect(config.http.port).toBe(3000);
  });

  it('switches to the server mode when DATABASE_URL is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/tradesense',
      PORT: '8080',
      JWT_SECRET: 's'.repeat(32),
      KYC_DOCUMENT_HASH_KEY: 'k'.repeat(32),
    });
    expect(config.mode).toBe('server');
    expect(config.database.url).toBe('postgres://u@db:5432/tradesense');
    expect(config.database.dataDir).toBeUndefined();
    expect(config.http.port).toBe(8080);
  });

  it('names every bad variable in one error', () => {
    try {
      loadConfig({ PORT: 'eighty', FIRM_RESET_TIME: '5pm', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT ("eighty")');
      expect(message).toContain('FIRM_RESET_TIME ("5pm"): must be HH:mm');
      expect(message).toContain('DATABASE_URL ("mysql://x")');
    }
  });

  it('requires the document hash key in server mode', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db/x', JWT_SECRET: 's'.repeat(32) })).toThrow(/KYC_DOCUMENT_HASH_KEY is required in server mode/);
  });

  it('requires a shared JWT secret in server mode', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db/x' })).toThrow(/JWT_SECRET \(unset\): required in server mode/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET \("short"\): must have at least 32 characters/);
  });

  it('needs the MT5 and SMTP settings only when those adapters are chosen', () => {
    expect(loadConfig({}).trading).toEqual({ platform: 'simulated', seed: 'tradesense' });
    expect(() => loadConfig({ TRADING_PLATFORM: 'mt5', MT5_URL: 'https://mt5.example:443' })).toThrow(
      /MT5_LOGIN \(unset\): required when TRADING_PLATFORM=mt5[\s\S]*MT5_PASSWORD/,
    );
    expect(() => loadConfig({ MAIL_TRANSPORT: 'smtp' })).toThrow(/SMTP_HOST \(unset\)/);
    const smtp = loadConfig({ MAIL_TRANSPORT: 'smtp', SMTP_HOST: 'mail.example', SMTP_USER: 'u', SMTP_PASSWORD: 'p' });
    expect(smtp.mail).toMatchObject({ transport: 'smtp', host: 'mail.example', port: 587, auth: { user: 'u', pass: 'p' } });
    expect(loadConfig({ GEMINI_API_KEY: 'k' }).signals).toEqual({ gemini: { apiKey: 'k', model: 'gemini-2.5-flash', timeoutMs: 8000 }, cacheSeconds: 300 });
  });

  it("reads the MT5 server's wall clock (zone + shift), UTC by default", () => {
    const mt5 = { TRADING_PLATFORM: 'mt5', MT5_URL: 'https://mt5.example:443', MT5_LOGIN: '1000', MT5_PASSWORD: 'secret' };
    expect(loadConfig(mt5).trading).toMatchObject({ serverTime: { timeZone: 'UTC', shiftHours: 0 } });
    expect(loadConfig({ ...mt5, MT5_SERVER_TIME_ZONE: 'America/New_York', MT5_SERVER_TIME_SHIFT_HOURS: '7' }).trading).toMatchObject({
      serverTime: { timeZone: 'America/New_York', shiftHours: 7 },
    });
    expect(() => loadConfig({ ...mt5, MT5_SERVER_TIME_ZONE: 'Mars/Olympus' })).toThrow(/MT5_SERVER_TIME_ZONE/);
    expect(() => loadConfig({ ...mt5, MT5_SERVER_TIME_SHIFT_HOURS: '2.5' })).toThrow(/MT5_SERVER_TIME_SHIFT_HOURS/);
  });

  it('rejects an unknown time zone', () => {
    expect(() => loadConfig({ FIRM_TIME_ZONE: 'Europe/Atlantis' })).toThrow(/FIRM_TIME_ZONE/);
  });
});
