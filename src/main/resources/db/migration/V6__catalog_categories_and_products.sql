-- Categories form a tree of any depth. `path` is the materialised path of ids from the root, '/<root id>/.../<id>/',
-- so "this category and all below it" is one indexed prefix match.
create table categories
(
    id         uuid primary key,
    parent_id  uuid references categories (id),
    name       varchar(100)             not null,
    slug       varchar(100)             not null,
    path       text                     not null,
    depth      int                      not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    version    bigint                   not null default 0
);
create unique index categories_slug_uk on categories (slug);
create index categories_parent_idx on categories (parent_id);
create index categories_path_idx on categories (path text_pattern_ops);

-- Products. Money is integer minor units. Stock keeps on_hand and reserved apart (the API's stock is
-- on_hand - reserved) so that checkouts can reserve with conditional updates and sellers never overwrite reservations.
create table products
(
    id             uuid primary key,
    seller_id      uuid                     not null references users (id),
    category_id    uuid                     not null references categories (id),
    title          varchar(200)             not null,
    description    text                     not null,
    price_amount   bigint                   not null check (price_amount >= 0),
    price_currency char(3)                  not null,
    on_hand        int                      not null check (on_hand >= 0),
    reserved       int                      not null default 0 check (reserved >= 0 and reserved <= on_hand),
    status         varchar(16)              not null check (status in ('DRAFT', 'ACTIVE', 'ARCHIVED')),
    rating_average numeric(3, 2)            not null default 0,
    rating_count   int                      not null default 0,
    -- full-text document: the title weighs more than the description
    search_vector  tsvector generated always as (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(description, '')), 'B')) stored,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    version        bigint                   not null default 0
);
create index products_seller_idx on products (seller_id, created_at desc, id desc);
create index products_category_idx on products (category_id);

create table product_images
(
    id            uuid primary key,
    product_id    uuid                     not null references products (id) on delete cascade,
    image_key     varchar(255)             not null,
    thumbnail_key varchar(255)             not null,
    position      int                      not null,
    created_at    timestamp with time zone not null
);
create unique index product_images_position_uk on product_images (product_id, position);
