import type { Knex } from 'knex';
import type { Migration } from './migration.js';

export const commerce: Migration = {
  name: '0003_commerce',
  async up(knex: Knex) {
    void knex;
  },
  async down(knex: Knex) {
    void knex;
  },
};
