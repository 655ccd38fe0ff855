import type { Knex } from 'knex';

export interface Migration {
  /** Sortable, stable name recorded in knex_migrations (no file extension). */
  readonly name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}
