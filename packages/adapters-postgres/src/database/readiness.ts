import type { ReadinessCheck } from '@tradesense/application';
import type { Knex } from 'knex';
import { pingDatabase } from './ping.js';

export const databaseReadiness = (knex: Knex): ReadinessCheck => ({
  name: 'database',
  isReady: () => pingDatabase(knex),
});
