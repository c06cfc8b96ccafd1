-- A price index over all products, beside the partial ones of ACTIVE products (V7): PostgreSQL never ANDs the bitmaps of
-- two indexes with the same predicate (it takes the second for redundant), so the full-text index (ACTIVE only) can
-- only be combined with a price range through an index without that predicate. Search uses it for a window of the
-- price order (ProductSearchSql.Access.WINDOW): the matches of a word up to a price, reading only those rows.
create index products_price_idx on products (price_amount);
