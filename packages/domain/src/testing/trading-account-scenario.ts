import type { EquityObservation } from '../drawdown/equity-observation.js';
import { DomainError } from '../shared/domain-error.js';
import type { Result } from '../shared/result.js';
import type { TradingAccountEvent } from '../trading-account/trading-account-events.js';
import type { TradingAccountState } from '../trading-account/trading-account-state.js';
import { TradingAccount, type OpenTradingAccount } from '../trading-account/trading-account.js';
import { describeEvents, eventMismatches, type ExpectedEvent } from './event-expectation.js';
import { runTradingAccountCommand, type TradingAccountCommand } from './trading-account-command.js';
import { aTradingAccount } from './trading-account-mother.js';

/** What a scenario starts from: an account, its stored state, or what to open one with (`aTradingAccount` defaults). */
export type TradingAccountGiven = TradingAccount | TradingAccountState | Partial<OpenTradingAccount>;

/** What happened to it before: commands that succeeded, or figures (an observation is an `evaluateEquity`). */
export type TradingAccountHistory = TradingAccountCommand | EquityObservation;

export type ExpectedTradingAccountEvent = ExpectedEvent<TradingAccountEvent>;

/** What the command did, for further checks after `then`. */
export interface TradingAccountOutcome<T = unknown> {
  readonly account: TradingAccount;
  readonly events: readonly TradingAccountEvent[];
  readonly value: T;
}

export interface TradingAccountWhen {
  when(command: TradingAccountCommand): TradingAccountThen;
}

export interface TradingAccountThen {
  /** The command succeeded and recorded exactly these events, in order (each as much of it as the test names). */
  then(expected: readonly ExpectedTradingAccountEvent[]): TradingAccountOutcome;
  /** The command succeeded and recorded nothing. */
  thenNothingHappened(): TradingAccountOutcome;
  /** The command was refused with this error code. */
  thenError(code: string): DomainError;
}

/**
 * Given / when / then for trading-account decisions, in the style of a
 * decider test: given an account (or its state, or what it was opened with,
 * then what it went through), when a command, then the events it records or
 * the error it is refused with. A mismatch throws an `Error` whose message
 * shows the command, the expected and the recorded events and each
 * difference, so it works under any test runner.
 *
 * The given account is never changed: the scenario works on a copy, so one
 * `given` can be reused for several `when`s. Everything is synchronous: do
 * not `await` a `when` (its `then` is the assertion, not a promise's).
 */
export function givenTradingAccount(subject: TradingAccountGiven = {}, ...history: readonly TradingAccountHistory[]): TradingAccountWhen {
  return {
    when(command) {
      const account = build(subject, history);
      const result = runTradingAccountCommand(account, command);
      const events = account.pullEvents();
      return new Then(account, command, result, events);
    },
  };
}

class Then implements TradingAccountThen {
  constructor(
    private readonly account: TradingAccount,
    private readonly command: TradingAccountCommand,
    private readonly result: Result<unknown>,
    private readonly events: readonly TradingAccountEvent[],
  ) {}

  then(expected: readonly ExpectedTradingAccountEvent[]): TradingAccountOutcome {
    if (!this.result.ok) {
      this.fail(`expected ${expected.length} event(s), but the command was refused: ${refusal(this.result.error)}`);
    }
    const differences = eventMismatches(expected, this.events);
    if (differences.length > 0) {
      this.fail(
        [
          `the events differ (expected ${expected.length}, recorded ${this.events.length}):`,
          ...differences.map((line) => `  ${line}`),
          'expected:',
          expected.length === 0 ? '  (none)' : expected.map((event, index) => `  #${index + 1} ${event.type}`).join('\n'),
          'recorded:',
          describeEvents(this.events),
        ].join('\n'),
      );
    }
    return { account: this.account, events: this.events, value: this.result.ok ? this.result.value : undefined };
  }

  thenNothingHappened(): TradingAccountOutcome {
    return this.then([]);
  }

  thenError(code: string): DomainError {
    if (this.result.ok) {
      this.fail(`expected the error ${code}, but the command succeeded and recorded:\n${describeEvents(this.events)}`);
    }
    const error = this.result.error;
    if (error.code !== code) this.fail(`expected the error ${code}, got ${refusal(error)}`);
    return error;
  }

  private fail(message: string): never {
    throw new Error(`Trading-account scenario failed\nwhen ${describeCommand(this.command)}\n${message}`);
  }
}

function build(subject: TradingAccountGiven, history: readonly TradingAccountHistory[]): TradingAccount {
  const account =
    subject instanceof TradingAccount
      ? TradingAccount.restore(subject.toState())
      : isState(subject)
        ? TradingAccount.restore(subject)
        : aTradingAccount(subject);
  history.forEach((step, index) => {
    const command: TradingAccountCommand = 'type' in step ? step : { type: 'evaluateEquity', observation: step };
    const result = runTradingAccountCommand(account, command);
    if (!result.ok) {
      throw new Error(`Trading-account scenario failed\ngiven step #${index + 1} ${describeCommand(command)} was refused: ${refusal(result.error)}`);
    }
  });
  account.pullEvents();
  return account;
}

function isState(subject: TradingAccountState | Partial<OpenTradingAccount>): subject is TradingAccountState {
  return 'drawdown' in subject && 'status' in subject;
}

const refusal = (error: DomainError): string => `${error.code} (${error.message})`;

/** The command as a line of the failure message: its name and its figures. */
function describeCommand(command: TradingAccountCommand): string {
  const { type, ...rest } = command;
  return `${type} ${JSON.stringify(rest)}`;
}
