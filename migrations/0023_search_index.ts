// Search uses the database's own full-text index instead of substrings of one text column.
// Each offer is indexed with its title, its unit (« la bouteille 75 cl »), its shop's category
// label (« Cave à vins ») and its shop's name, and its description; the search ranks title
// hits first, then unit/category/shop, then description.
//
// The index is kept in step by triggers, not by the repositories: offers are written by the
// merchant's portal, the demo seed and the benchmarks, and a shop's name or category is
// changed by the shops area, which may not reach the catalogue (catalogue → shops, never
// back). A trigger follows every one of those writes, in the same transaction.
//
// SQLite: an FTS5 table (unicode61 folds case and accents; œ/æ are spelt out first, as the
// tokenizer keeps them as letters). PostgreSQL: a tsvector per offer, built with a copy of
// the French configuration that removes accents (unaccent) before stemming, weighted
// A (title), B (unit, category, shop), C (description), under a GIN index.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../src/db/migrate.ts';

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await downPostgres(db);
  else await downSqlite(db);
}

// ---- SQLite ----

/** Spells out the ligatures the tokenizer would keep as letters: « bœuf » is found by « boeuf ». */
function ligaturesSpelt(column: string): string {
  return `replace(replace(replace(replace(${column}, 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae')`;
}

/** The index rows of the offers chosen by `where` (columns of offers o, shops s, categories c). */
function sqliteRows(where: string): string {
  return `
    insert into offer_search (offer_id, title, unit, category, shop, description)
    select o.id, ${ligaturesSpelt('o.title')}, ${ligaturesSpelt('o.unit')}, ${ligaturesSpelt("coalesce(c.label, '')")},
           ${ligaturesSpelt('s.trade_name')}, ${ligaturesSpelt('o.description')}
    from offers o join shops s on s.id = o.shop_id left join categories c on c.code = s.category_code
    where ${where};`;
}

async function upSqlite(db: Kysely<any>): Promise<void> {
  await sql`
    create virtual table offer_search using fts5(
      offer_id unindexed, title, unit, category, shop, description,
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
  await sql.raw(sqliteRows('1 = 1')).execute(db);
  await sql.raw(`
    create trigger offer_search_insert after insert on offers begin
      ${sqliteRows('o.id = new.id')}
    end`).execute(db);
  await sql.raw(`
    create trigger offer_search_update after update of title, unit, description, shop_id on offers begin
      delete from offer_search where offer_id = old.id;
      ${sqliteRows('o.id = new.id')}
    end`).execute(db);
  await sql.raw(`
    create trigger offer_search_delete after delete on offers begin
      delete from offer_search where offer_id = old.id;
    end`).execute(db);
  await sql.raw(`
    create trigger offer_search_shop after update of trade_name, category_code on shops begin
      delete from offer_search where offer_id in (select id from offers where shop_id = new.id);
      ${sqliteRows('o.shop_id = new.id')}
    end`).execute(db);
  await sql.raw(`
    create trigger offer_search_category after update of label on categories begin
      delete from offer_search where offer_id in (select o.id from offers o join shops s on s.id = o.shop_id where s.category_code = new.code);
      ${sqliteRows('s.category_code = new.code')}
    end`).execute(db);
}

async function downSqlite(db: Kysely<any>): Promise<void> {
  for (const trigger of ['offer_search_insert', 'offer_search_update', 'offer_search_delete', 'offer_search_shop', 'offer_search_category']) {
    await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
  }
  await sql`drop table if exists offer_search`.execute(db);
}

// ---- PostgreSQL ----

async function upPostgres(db: Kysely<any>): Promise<void> {
  // unaccent is a trusted extension: the database's owner may create it.
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create text search configuration french_unaccent (copy = french)`.execute(db);
  await sql`
    alter text search configuration french_unaccent
    alter mapping for hword, hword_part, word with unaccent, french_stem`.execute(db);
  // Apostrophes become spaces: the parser would keep « d’Istres » as one word.
  await sql`
    create function offer_search_document(title text, unit text, category text, shop text, description text)
    returns tsvector language sql immutable parallel safe as $$
      select setweight(to_tsvector('french_unaccent', translate(coalesce(title, ''), '’''', '  ')), 'A')
          || setweight(to_tsvector('french_unaccent', translate(concat_ws(' ', unit, category, shop), '’''', '  ')), 'B')
          || setweight(to_tsvector('french_unaccent', translate(coalesce(description, ''), '’''', '  ')), 'C')
    $$`.execute(db);
  await sql`
    create table offer_search (
      offer_id text primary key references offers (id) on delete cascade,
      document tsvector not null
    )`.execute(db);
  await sql`create index offer_search_document_idx on offer_search using gin (document)`.execute(db);
  await sql`
    insert into offer_search (offer_id, document)
    select o.id, offer_search_document(o.title, o.unit, c.label, s.trade_name, o.description)
    from offers o join shops s on s.id = o.shop_id left join categories c on c.code = s.category_code`.execute(db);
  await postgresTriggers(db);
}

async function postgresTriggers(db: Kysely<any>): Promise<void> {
  await sql`
    create function offer_search_offer() returns trigger language plpgsql as $$
    begin
      insert into offer_search (offer_id, document)
      select new.id, offer_search_document(new.title, new.unit, c.label, s.trade_name, new.description)
      from shops s left join categories c on c.code = s.category_code where s.id = new.shop_id
      on conflict (offer_id) do update set document = excluded.document;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger offer_search_offer after insert or update of title, unit, description, shop_id on offers
    for each row execute function offer_search_offer()`.execute(db);
  await sql`
    create function offer_search_shop() returns trigger language plpgsql as $$
    begin
      update offer_search set document = offer_search_document(
        o.title, o.unit, (select label from categories where code = new.category_code), new.trade_name, o.description)
      from offers o where o.id = offer_search.offer_id and o.shop_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger offer_search_shop after update of trade_name, category_code on shops
    for each row when (old.trade_name is distinct from new.trade_name or old.category_code is distinct from new.category_code)
    execute function offer_search_shop()`.execute(db);
  await sql`
    create function offer_search_category() returns trigger language plpgsql as $$
    begin
      update offer_search set document = offer_search_document(o.title, o.unit, new.label, s.trade_name, o.description)
      from offers o join shops s on s.id = o.shop_id
      where o.id = offer_search.offer_id and s.category_code = new.code;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger offer_search_category after update of label on categories
    for each row when (old.label is distinct from new.label) execute function offer_search_category()`.execute(db);
}

async function downPostgres(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists offer_search_category on categories`.execute(db);
  await sql`drop trigger if exists offer_search_shop on shops`.execute(db);
  await sql`drop trigger if exists offer_search_offer on offers`.execute(db);
  await sql`drop function if exists offer_search_category(), offer_search_shop(), offer_search_offer()`.execute(db);
  await sql`drop table if exists offer_search`.execute(db);
  await sql`drop function if exists offer_search_document(text, text, text, text, text)`.execute(db);
  await sql`drop text search configuration if exists french_unaccent`.execute(db);
}
