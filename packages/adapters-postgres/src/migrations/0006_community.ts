import type { Knex } from 'knex';
import type { Migration } from './migration.js';

export const community: Migration = {
  name: '0006_community',
  async up(knex: Knex) {
    void knex;
  },
  async down(knex: Knex) {
    void knex;
  },
};
