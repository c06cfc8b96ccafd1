-- Reviews by verified buyers: one per buyer and product.
create table reviews
(
    id         uuid primary key,
    product_id uuid                     not null references products (id),
    author_id  uuid                     not null references users (id),
    rating     smallint                 not null check (rating between 1 and 5),
    comment    varchar(2000)            not null,
    created_at timestamp with time zone not null
);
create unique index reviews_product_author_uk on reviews (product_id, author_id);
create index reviews_product_list_idx on reviews (product_id, created_at desc, id desc);

-- Exact running totals per product. The upsert of a new review's rating takes this row's lock, so concurrent
-- reviews of one product are counted one after the other and the catalog's average is set from exact totals.
create table review_totals
(
    product_id   uuid primary key references products (id),
    rating_sum   bigint not null,
    rating_count int    not null
);
