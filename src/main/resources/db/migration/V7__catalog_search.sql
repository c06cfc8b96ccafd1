-- Product search (GET /api/v1/products). Buyers only ever see ACTIVE products, so every search index is partial on
-- status = 'ACTIVE': smaller, and the search query always carries that predicate.

-- The ids of a product's category and all its ancestors ('/<root>/.../<id>/' as an array), so that "in this category
-- or below" is a key of the full-text index itself. Kept by triggers: products take it from their category; a
-- category whose path changes (moved in the tree) hands its new path to its products.
alter table products
    add column category_ancestors uuid[] not null default '{}';

create function catalog_category_ancestors(path text) returns uuid[]
    language sql
    immutable
    parallel safe
as
$$
select string_to_array(trim(both '/' from path), '/')::uuid[]
$$;

create function catalog_set_product_category_ancestors() returns trigger
    language plpgsql
as
$$
begin
    new.category_ancestors := (select catalog_category_ancestors(c.path) from categories c where c.id = new.category_id);
    return new;
end
$$;

create trigger products_category_ancestors
    before insert or update of category_id
    on products
    for each row
execute function catalog_set_product_category_ancestors();

create function catalog_move_products_with_category() returns trigger
    language plpgsql
as
$$
begin
    update products set category_ancestors = catalog_category_ancestors(new.path) where category_id = new.id;
    return null;
end
$$;

create trigger categories_path_to_products
    after update of path
    on categories
    for each row
    when (old.path is distinct from new.path)
execute function catalog_move_products_with_category();

-- Full-text match over the generated document (title weight A, description weight B), and the category subtree in the
-- same index: "leather in Fashion" intersects two posting lists inside one index scan instead of building a bitmap of
-- every leather product and one of every fashion product and combining them.
create index products_active_search_idx on products using gin (search_vector, category_ancestors)
    where status = 'ACTIVE';

-- One index per sort order, each ending in id so that (sort key, id) is a unique keyset position. A broad keyword
-- sorted by price walks products_active_price_idx and checks the text match row by row, instead of collecting tens of
-- thousands of matches and sorting them.
create index products_active_newest_idx on products (created_at desc, id desc) where status = 'ACTIVE';
create index products_active_price_idx on products (price_amount, id) where status = 'ACTIVE';
create index products_active_rating_idx on products (rating_average desc, rating_count desc, id desc)
    where status = 'ACTIVE';
-- Browsing a category (and its subtree) by newest or by price: the first page of each category of the subtree is a
-- short index-only range; merging them costs the same for a category of a thousand products as of a hundred thousand.
create index products_active_category_newest_idx on products (category_id, created_at desc, id desc)
    where status = 'ACTIVE';
create index products_active_category_price_idx on products (category_id, price_amount, id)
    where status = 'ACTIVE';

-- The planner's estimate of how many products a word matches decides between walking a sort index and collecting
-- matches through the GIN index; keep statistics for the 10 000 most common words instead of 1 000.
alter table products alter column search_vector set statistics 1000;

-- The term dictionary: every distinct word (lexeme) of active products' titles and descriptions, with the number of
-- products using it. A query word that is not the start of any of them is a typo; the trigram index finds the nearest
-- real words to try instead. The counts tell how broad a query is, which decides its plan (see ProductSearchService).
-- The C collation makes "terms starting with w" a plain B-tree range.
create table product_search_terms
(
    term      text collate "C" primary key,
    -- documents containing the term, as of the last refresh (0 = added since, count unknown); breaks ties
    -- between equally close spelling corrections
    doc_count     int not null default 0,
    -- set by a refresh that did not see the term; a second refresh that still does not see it deletes it
    missing_since timestamp with time zone
);
create index product_search_terms_trgm_idx on product_search_terms using gist (term gist_trgm_ops);

-- Words worth keeping: not single characters, not long tokens (codes, URLs) nobody types.
create function catalog_is_search_term(word text) returns boolean
    language sql
    immutable
    parallel safe
as
$$
select length(word) between 2 and 40
$$;

-- New products add their words set-wise, once per statement (a bulk insert costs one pass, not one per row). Terms
-- are inserted in sorted order so that concurrent inserts of overlapping new words cannot deadlock.
create function catalog_add_search_terms_of_inserted() returns trigger
    language plpgsql
as
$$
begin
    insert into product_search_terms (term)
    select distinct word
    from new_products p,
         unnest(tsvector_to_array(p.search_vector)) as word
    where p.status = 'ACTIVE'
      and catalog_is_search_term(word)
    order by word
    on conflict do nothing;
    return null;
end
$$;

create trigger products_search_terms_on_insert
    after insert
    on products
    referencing new table as new_products
    for each statement
execute function catalog_add_search_terms_of_inserted();

-- Edits only matter when the text changes or a product becomes ACTIVE; stock and rating updates skip the trigger.
create function catalog_add_search_terms_of_updated() returns trigger
    language plpgsql
as
$$
begin
    insert into product_search_terms (term)
    select distinct word
    from unnest(tsvector_to_array(new.search_vector)) as word
    where catalog_is_search_term(word)
    order by word
    on conflict do nothing;
    return null;
end
$$;

create trigger products_search_terms_on_update
    after update of title, description, status
    on products
    for each row
    when (new.status = 'ACTIVE' and (old.status <> 'ACTIVE' or old.title is distinct from new.title
        or old.description is distinct from new.description))
execute function catalog_add_search_terms_of_updated();

-- Recounts the dictionary from the active products and drops words no active product uses any more (archived or
-- edited away). A word is dropped only when two refreshes in a row miss it: one added by a product committed after
-- this refresh's snapshot is missed once, then seen. Set-wise and idempotent; run by a scheduled job and after bulk
-- loads.
create function catalog_refresh_search_terms() returns void
    language plpgsql
as
$$
begin
    create temporary table fresh_search_terms on commit drop as
    select word as term, ndoc as doc_count
    from ts_stat('select search_vector from products where status = ''ACTIVE''')
    where catalog_is_search_term(word);
    insert into product_search_terms as t (term, doc_count)
    select term, doc_count
    from fresh_search_terms
    order by term
    on conflict (term) do update set doc_count = excluded.doc_count, missing_since = null
    where t.doc_count <> excluded.doc_count
       or t.missing_since is not null;
    delete
    from product_search_terms t
    where t.missing_since < now()
      and not exists (select 1 from fresh_search_terms f where f.term = t.term);
    update product_search_terms t
    set missing_since = now()
    where t.missing_since is null
      and not exists (select 1 from fresh_search_terms f where f.term = t.term);
    drop table fresh_search_terms;
end
$$;
