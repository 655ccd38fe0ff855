import { describe, expect, it } from 'vitest';
import { parseRetcode, retcodeError } from './retcode.js';

describe('MT5 retcodes', () => {
  it('parses "<code> <text>"', () => {
    expect(parseRetcode('0 Done')).toEqual({ code: 0, text: 'Done' });
    expect(parseRetcode('10019 Not enough money')).toEqual({ code: 10019, text: 'Not enough money' });
    expect(parseRetcode(undefined).code).toBe(-1);
  });

  it.each([
    ['3004 Account already exists', 'PLATFORM.LOGIN_EXISTS'],
    ['3006 Invalid account password', 'PLATFORM.INVALID_PASSWORD'],
    ['10019 Not enough money', 'PLATFORM.NOT_ENOUGH_MONEY'],
    ['13 Not found', 'PLATFORM.ACCOUNT_NOT_FOUND'],
    ['8 Not enough permissions', 'PLATFORM.PERMISSION_DENIED'],
    ['10017 Trade disabled', 'PLATFORM.TRADE_DISABLED'],
    ['1002 Account disabled', 'PLATFORM.AUTH_FAILED'],
    ['12 Too frequent requests', 'PLATFORM.UNAVAILABLE'],
    ['4001 Limit reached', 'PLATFORM.REJECTED'],
  ])('maps %s to %s', (raw, code) => {
    const error = retcodeError(parseRetcode(raw), { command: '/api/test' });
    expect(error.code).toBe(code);
    expect(error.retcode).toBe(Number(raw.split(' ')[0]));
  });

  it('lets the command say what "not found" means', () => {
    expect(retcodeError(parseRetcode('13 Not found'), { command: '/api/x', notFound: 'PLATFORM.POSITION_NOT_FOUND' }).code).toBe(
      'PLATFORM.POSITION_NOT_FOUND',
    );
  });
});
