import type { Knex } from 'knex';
import type { Migration } from './migration.js';

export const funding: Migration = {
  name: '0005_funding',
  async up(knex: Knex) {
    void knex;
  },
  async down(knex: Knex) {
    void knex;
  },
};
