import type {
  Deal,
  SimulatedAccountRecord,
  SimulatedBalanceOperationRecord,
  SimulatedCounter,
  SimulatedPositionRecord,
  SimulatedTradingStore,
  SimulatedTradingTransaction,
  TradingLogin,
} from '@tradesense/application';

interface State {
  readonly counters: Map<SimulatedCounter, number>;
  readonly accounts: Map<TradingLogin, SimulatedAccountRecord>;
  /** Insertion order is id order, so listing gives oldest first. */
  readonly positions: Map<string, SimulatedPositionRecord>;
  readonly dealsByLogin: Map<TradingLogin, Deal[]>;
  readonly operations: Map<string, SimulatedBalanceOperationRecord>;
  readonly rollovers: Set<string>;
  dealCount: number;
  anchor: Date | null;
}

type Undo = () => void;

/**
 * The simulated server's books in this process's memory, for unit tests and
 * tools that build a server of their own. Transactions run one at a time and
 * undo their writes when they throw, as the database store's do.
 */
export class InMemorySimulatedTradingStore implements SimulatedTradingStore {
  readonly #state: State = {
    counters: new Map(),
    accounts: new Map(),
    positions: new Map(),
    dealsByLogin: new Map(),
    operations: new Map(),
    rollovers: new Set(),
    dealCount: 0,
    anchor: null,
  };
  readonly #watchers = new Set<{ deal(login: TradingLogin): void; resumed(): void }>();
  #queue: Promise<unknown> = Promise.resolve();

  transaction<T>(work: (tx: SimulatedTradingTransaction) => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      const undo: Undo[] = [];
      const dealt: TradingLogin[] = [];
      try {
        const result = await work(new InMemoryTransaction(this.#state, undo, dealt));
        for (const login of dealt) for (const watcher of this.#watchers) watcher.deal(login);
        return result;
      } catch (error) {
        for (const step of undo.reverse()) step();
        throw error;
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async marketAnchor(proposed: Date): Promise<Date> {
    this.#state.anchor ??= proposed;
    return this.#state.anchor;
  }

  async watchDeals(listener: { deal(login: TradingLogin): void; resumed(): void }): Promise<() => Promise<void>> {
    this.#watchers.add(listener);
    return async () => {
      this.#watchers.delete(listener);
    };
  }
}

class InMemoryTransaction implements SimulatedTradingTransaction {
  constructor(
    private readonly state: State,
    private readonly undo: Undo[],
    private readonly dealt: TradingLogin[],
  ) {}

  async nextNumber(counter: SimulatedCounter, first: number): Promise<number> {
    const previous = this.state.counters.get(counter);
    const value = previous ?? first;
    this.state.counters.set(counter, value + 1);
    this.undo.push(() => (previous === undefined ? this.state.counters.delete(counter) : this.state.counters.set(counter, previous)));
    return value;
  }

  async insertAccount(account: SimulatedAccountRecord): Promise<void> {
    this.state.accounts.set(account.login, account);
    this.undo.push(() => this.state.accounts.delete(account.login));
  }

  async account(login: TradingLogin): Promise<SimulatedAccountRecord | null> {
    return this.state.accounts.get(login) ?? null;
  }

  async updateAccount(account: SimulatedAccountRecord): Promise<void> {
    const previous = this.state.accounts.get(account.login);
    if (!previous) return;
    this.state.accounts.set(account.login, account);
    this.undo.push(() => this.state.accounts.set(account.login, previous));
  }

  async positions(login: TradingLogin): Promise<SimulatedPositionRecord[]> {
    return [...this.state.positions.values()].filter((position) => position.login === login);
  }

  async openBook(): Promise<{ accounts: SimulatedAccountRecord[]; positions: SimulatedPositionRecord[] }> {
    const positions = [...this.state.positions.values()];
    const logins = new Set(positions.map((position) => position.login));
    return { accounts: [...logins].map((login) => this.state.accounts.get(login)!), positions };
  }

  async insertPosition(position: SimulatedPositionRecord): Promise<void> {
    this.state.positions.set(position.positionId, position);
    this.undo.push(() => this.state.positions.delete(position.positionId));
  }

  async updatePosition(position: SimulatedPositionRecord): Promise<void> {
    const previous = this.state.positions.get(position.positionId);
    if (!previous) return;
    this.state.positions.set(position.positionId, position);
    this.undo.push(() => this.state.positions.set(position.positionId, previous));
  }

  async deletePosition(positionId: string): Promise<boolean> {
    const previous = this.state.positions.get(positionId);
    if (!previous) return false;
    // Undo puts it back in its place, so listing order stays id order.
    const before = [...this.state.positions.entries()];
    this.state.positions.delete(positionId);
    this.undo.push(() => {
      this.state.positions.clear();
      for (const [id, position] of before) this.state.positions.set(id, position);
    });
    return true;
  }

  async position(positionId: string): Promise<SimulatedPositionRecord | null> {
    return this.state.positions.get(positionId) ?? null;
  }

  async insertDeal(deal: Deal): Promise<void> {
    let list = this.state.dealsByLogin.get(deal.login);
    if (!list) this.state.dealsByLogin.set(deal.login, (list = []));
    const target = list;
    target.push(deal);
    this.state.dealCount += 1;
    this.dealt.push(deal.login);
    this.undo.push(() => {
      target.pop();
      this.state.dealCount -= 1;
    });
  }

  async dealsAfter(login: TradingLogin, afterDealId: string | null, limit: number): Promise<Deal[]> {
    const list = this.state.dealsByLogin.get(login) ?? [];
    const after = afterDealId === null ? -Infinity : Number(afterDealId);
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (Number(list[middle]!.dealId) <= after) low = middle + 1;
      else high = middle;
    }
    return list.slice(low, low + limit);
  }

  async dealsBetween(login: TradingLogin, from: Date, to: Date): Promise<Deal[]> {
    const start = from.getTime();
    const end = to.getTime();
    return (this.state.dealsByLogin.get(login) ?? []).filter((deal) => deal.time.getTime() >= start && deal.time.getTime() < end);
  }

  async dealCount(): Promise<number> {
    return this.state.dealCount;
  }

  async balanceOperation(clientOperationId: string): Promise<SimulatedBalanceOperationRecord | null> {
    return this.state.operations.get(clientOperationId) ?? null;
  }

  async insertBalanceOperation(operation: SimulatedBalanceOperationRecord): Promise<void> {
    this.state.operations.set(operation.clientOperationId, operation);
    this.undo.push(() => this.state.operations.delete(operation.clientOperationId));
  }

  async markRollover(login: TradingLogin, at: Date): Promise<boolean> {
    const key = `${login}@${at.getTime()}`;
    if (this.state.rollovers.has(key)) return false;
    this.state.rollovers.add(key);
    this.undo.push(() => this.state.rollovers.delete(key));
    return true;
  }
}
