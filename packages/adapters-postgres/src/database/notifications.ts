import type { PGlite } from '@electric-sql/pglite';
import type { Knex } from 'knex';
import pg from 'pg';

/** Who hears a channel's notifications (PostgreSQL `LISTEN`). */
export interface NotificationSubscriber {
  /** A notification's payload; a `NOTIFY` sent in a transaction arrives once it commits, never if it rolls back. */
  message(payload: string): void;
  /** Listening was cut and is back: notifications sent in between are lost. */
  resumed(): void;
  /** Listening was cut (or could not start); it is retried in the background. */
  failed(error: unknown): void;
}

export type Unlisten = () => Promise<void>;

/** Listening on the database's notification channels, for whoever must react to a commit at once. */
export interface Notifications {
  listen(channel: string, subscriber: NotificationSubscriber): Promise<Unlisten>;
  /** Stops every listener (the database is closing). */
  close(): Promise<void>;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

function channelName(channel: string): string {
  // LISTEN takes an identifier, not a parameter: only plain lower-case names are accepted.
  if (!CHANNEL_NAME.test(channel)) throw new Error(`Not a plain channel name: ${channel}`);
  return channel;
}

/**
 * The embedded database: PGlite is one session, so its notifications are
 * those sent on the very connection knex uses. `LISTEN` goes through knex
 * (which hands out that one connection to one transaction at a time), never
 * straight to PGlite, where it could land inside another unit of work's
 * open transaction and be undone by its rollback.
 */
export class EmbeddedNotifications implements Notifications {
  private readonly listeners = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly pglite: PGlite,
    private readonly knex: Knex,
  ) {}

  async listen(channel: string, subscriber: NotificationSubscriber): Promise<Unlisten> {
    const name = channelName(channel);
    const off = this.pglite.onNotification((from, payload) => {
      if (from === name) subscriber.message(payload);
    });
    const count = (this.listeners.get(name) ?? 0) + 1;
    this.listeners.set(name, count);
    try {
      if (count === 1) await this.knex.raw(`listen ${name}`);
    } catch (error) {
      off();
      this.listeners.set(name, (this.listeners.get(name) ?? 1) - 1);
      throw error;
    }
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      off();
      const left = (this.listeners.get(name) ?? 1) - 1;
      this.listeners.set(name, left);
      // Once the database is closing, the session (and its LISTEN) goes with it.
      if (left === 0 && !this.closed) await this.knex.raw(`unlisten ${name}`);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }
}

/** First wait before listening again after the connection failed; doubled up to `MAX_RETRY_MS`. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 30_000;

/**
 * A server: each listener holds a dedicated connection outside the pool (a
 * pooled connection goes back to other work, and its `LISTEN` with it). A
 * connection that fails is replaced after a growing pause; once listening
 * again the subscriber is told (`resumed`), since whatever was sent while it
 * was down is lost.
 */
export class ServerNotifications implements Notifications {
  private readonly open = new Set<ServerListener>();

  constructor(private readonly url: string) {}

  async listen(channel: string, subscriber: NotificationSubscriber): Promise<Unlisten> {
    const listener = new ServerListener(this.url, channelName(channel), subscriber);
    this.open.add(listener);
    await listener.start();
    return async () => {
      this.open.delete(listener);
      await listener.stop();
    };
  }

  async close(): Promise<void> {
    const open = [...this.open];
    this.open.clear();
    await Promise.all(open.map((listener) => listener.stop()));
  }
}

class ServerListener {
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | undefined;
  private retryMs = FIRST_RETRY_MS;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly subscriber: NotificationSubscriber,
  ) {}

  /** Listens; a first connection that fails is retried in the background like a lost one. */
  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      this.subscriber.failed(error);
      this.retryLater();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'tradesense-listen' });
    client.on('notification', (notification) => {
      if (notification.channel === this.channel) this.subscriber.message(notification.payload ?? '');
    });
    // Until it listens, a failure is the caller's (thrown below); only then is it a lost connection.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('The listening connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${this.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client || this.stopped) return;
    this.client = null;
    void client.end().catch(() => undefined);
    this.subscriber.failed(error);
    this.retryLater();
  }

  private retryLater(): void {
    if (this.stopped || this.retry) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(delay * 2, MAX_RETRY_MS);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.reconnect();
    }, delay);
    this.retry.unref();
  }

  private async reconnect(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.connect();
    } catch (error) {
      this.subscriber.failed(error);
      this.retryLater();
      return;
    }
    if (!this.stopped) this.subscriber.resumed();
  }
}
