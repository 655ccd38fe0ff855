import type { Platform } from '@tradesense/bootstrap';

/** Per table: row count and a digest of every row's text, in a stable order. */
export type DatabaseState = ReadonlyMap<string, { readonly rows: number; readonly digest: string }>;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every base table of the platform's schema. */
export async function databaseTables(platform: Platform): Promise<string[]> {
  const result = (await platform.database.knex.raw(
    `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
  )) as { rows: { table_name: string }[] };
  return result.rows.map((row) => row.table_name).filter((table) => !ATTEMPT_COUNTERS.includes(table));
}

/**
 * Tables that record attempts rather than state: a refused sign-in is still
 * counted towards the sign-in limit (that is the limit's purpose), so they
 * are not part of "changes nothing".
 */
const ATTEMPT_COUNTERS: readonly string[] = ['rate_limit_windows'];

/** One round trip: the state of every table in `tables`. */
export async function databaseState(platform: Platform, tables: readonly string[]): Promise<DatabaseState> {
  const sql = tables
    .map(
      (table) =>
        `select '${table.replaceAll("'", "''")}' as name, count(*)::int as rows, ` +
        `md5(coalesce(string_agg(row_text, chr(10) order by row_text), '')) as digest ` +
        `from (select t::text as row_text from ${quoted(table)} t) rows_of`,
    )
    .join(' union all ');
  const result = (await platform.database.knex.raw(sql)) as { rows: { name: string; rows: number; digest: string }[] };
  return new Map(result.rows.map((row) => [row.name, { rows: row.rows, digest: row.digest }]));
}

/** Tables whose rows differ between two states, with their row counts. */
export function changedTables(before: DatabaseState, after: DatabaseState): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => before.get(name)?.digest !== after.get(name)?.digest)
    .map((name) => `${name} (${before.get(name)?.rows ?? 0} -> ${after.get(name)?.rows ?? 0} rows)`);
}

/**
 * Values of the id-like text columns (`id`, `*_id`, `code`) of every table,
 * so generated path parameters and fields also name rows that exist.
 */
export async function storedIds(platform: Platform, tables: readonly string[], perColumn = 5): Promise<string[]> {
  const columns = (await platform.database.knex.raw(
    `select table_name, column_name from information_schema.columns
     where table_schema = current_schema() and (column_name = 'id' or column_name like '%\\_id' or column_name = 'code')
       and data_type in ('text', 'character varying', 'uuid', 'bigint', 'integer')`,
  )) as { rows: { table_name: string; column_name: string }[] };
  const wanted = columns.rows.filter((column) => tables.includes(column.table_name));
  if (wanted.length === 0) return [];
  const sql = wanted
    .map((column) => `(select distinct ${quoted(column.column_name)}::text as value from ${quoted(column.table_name)} where ${quoted(column.column_name)} is not null limit ${perColumn})`)
    .join(' union ');
  const result = (await platform.database.knex.raw(sql)) as { rows: { value: string }[] };
  return [...new Set(result.rows.map((row) => row.value))].sort();
}
