import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { SimulatedOrderExecution } from './simulated-order-execution.js';
import { SimulatedTradingServer } from './simulated-trading-server.js';

describe('SimulatedOrderExecution', () => {
  it('places and closes a trader position only through its own account', async () => {
    const server = new SimulatedTradingServer({ seed: 1, startAt: new Date('2026-06-10T12:00:00Z') });
    await server.advanceTo(new Date('2026-06-10T12:00:01Z'));
    const execution = new SimulatedOrderExecution(server);
    const own = await server.createAccount({ group: 'challenge', leverage: 100, initialBalance: new Decimal(10_000), swapFree: false, name: 'Trader' });
    const other = await server.createAccount({ group: 'challenge', leverage: 100, initialBalance: new Decimal(10_000), swapFree: false, name: 'Trader' });
    const fill = await execution.placeMarketOrder({ login: own.login, symbol: 'EURUSD', side: 'buy', volume: new Decimal('0.10') });
    await expect(execution.closePosition(other.login, fill.positionId)).rejects.toMatchObject({ code: 'PLATFORM.POSITION_NOT_FOUND' });
    await expect(execution.modifyPosition(other.login, fill.positionId, { stopLoss: null, takeProfit: null })).rejects.toMatchObject({
      code: 'PLATFORM.POSITION_NOT_FOUND',
    });
    const closed = await execution.closePosition(own.login, fill.positionId);
    expect(closed.dealId).toBeTruthy();
    expect(await server.positions(own.login)).toEqual([]);
  });
});
