import type { Knex } from 'knex';
import type { Migration } from './migration.js';

const NAME = '0018_account_deals_owner_keyed';

/**
 * The deals taken in (platform_deals) belong to a trading account's owner,
 * whatever it is, no longer to a challenge only (docs/rules.md §4): each row
 * gets the owner's kind and id, and a competition entry's competition. Every
 * deal recorded so far was a challenge's, so its owner is that challenge's
 * phase account ('challenge_phase', the challenge's id); the challenge's
 * phase and attempt stay in their columns. `challenge_id`, `phase` and
 * `attempt` become nullable, since funded and competition logins have none;
 * a check keeps them set (and `challenge_id` equal to the owner's id, so a
 * deleted challenge still takes its deals with it) for a challenge's deals.
 * The owner's deals are listed newest first by (owner_kind, owner_id, seq).
 *
 * The migration counts the rows it gave an owner against the rows it read and
 * fails (rolling back) when they differ.
 */
export const accountDealsOwnerKeyed: Migration = {
  name: NAME,
  async up(knex: Knex) {
    const read = await count(knex, 'select count(*) as n from platform_deals');
    await knex.schema.alterTable('platform_deals', (t) => {
      t.text('owner_kind');
      t.text('owner_id');
      t.text('competition_id');
    });
    await knex.raw(`update platform_deals set owner_kind = 'challenge_phase', owner_id = challenge_id`);
    expectMoved(
      'platform_deals owners',
      await count(
        knex,
        `select count(*) as n from platform_deals
          where owner_kind = 'challenge_phase' and owner_id = challenge_id and phase is not null and attempt is not null`,
      ),
      read,
    );

    await knex.raw('alter table platform_deals alter column owner_kind set not null');
    await knex.raw('alter table platform_deals alter column owner_id set not null');
    await knex.raw('alter table platform_deals alter column challenge_id drop not null');
    await knex.raw('alter table platform_deals alter column phase drop not null');
    await knex.raw('alter table platform_deals alter column attempt drop not null');
    await knex.raw(
      `alter table platform_deals add constraint platform_deals_owner_check check (
         case owner_kind
           when 'challenge_phase' then challenge_id = owner_id and phase is not null and attempt is not null and competition_id is null
           when 'funded_account' then challenge_id is null and phase is null and attempt is null and competition_id is null
           when 'competition_entry' then challenge_id is null and phase is null and attempt is null and competition_id is not null
           else false
         end)`,
    );
    await knex.schema.alterTable('platform_deals', (t) => {
      t.index(['owner_kind', 'owner_id', 'seq'], 'platform_deals_owner_seq_index');
    });
  },

  /**
   * Back to challenge-keyed deals. Not reversible for the deals of funded
   * accounts and competition entries: the old table has no place for a deal
   * without a challenge, so they are deleted (the platform still holds them;
   * the feed of those accounts resumes from its own cursor).
   */
  async down(knex: Knex) {
    await knex('platform_deals').whereNot({ owner_kind: 'challenge_phase' }).delete();
    await knex.schema.alterTable('platform_deals', (t) => {
      t.dropIndex(['owner_kind', 'owner_id', 'seq'], 'platform_deals_owner_seq_index');
    });
    await knex.raw('alter table platform_deals drop constraint platform_deals_owner_check');
    await knex.raw('alter table platform_deals alter column challenge_id set not null');
    await knex.raw('alter table platform_deals alter column phase set not null');
    await knex.raw('alter table platform_deals alter column attempt set not null');
    await knex.schema.alterTable('platform_deals', (t) => {
      t.dropColumn('owner_kind');
      t.dropColumn('owner_id');
      t.dropColumn('competition_id');
    });
  },
};

/** The `n` of a `select count(*) as n` (text on both drivers: INT8). */
async function count(knex: Knex, sql: string): Promise<number> {
  const result = (await knex.raw(sql)) as { rows: Array<{ n: string | number }> };
  return Number(result.rows[0]?.n ?? 0);
}

function expectMoved(what: string, moved: number, read: number): void {
  if (moved !== read) throw new Error(`${NAME}: ${what} holds ${moved} moved rows, ${read} were read`);
}
