import type { Knex } from 'knex';
import type { Migration } from './migration.js';

export const challenges: Migration = {
  name: '0004_challenges',
  async up(knex: Knex) {
    void knex;
  },
  async down(knex: Knex) {
    void knex;
  },
};
