-- Carts: one row per (user, product). Prices are not stored: a cart always shows the current price.
create table cart_items
(
    user_id    uuid                     not null references users (id),
    product_id uuid                     not null references products (id),
    quantity   int                      not null check (quantity > 0),
    added_at   timestamp with time zone not null,
    primary key (user_id, product_id)
);

-- A checkout is one buyer's payment-sized unit made from the cart; it holds one order per seller. The shipping
-- address is a value copied into every order, kept as JSON because nothing queries inside it.
create table checkouts
(
    id               uuid primary key,
    buyer_id         uuid                     not null references users (id),
    status           varchar(20)              not null
        check (status in ('PENDING_PAYMENT', 'PAID', 'EXPIRED', 'CANCELLED')),
    total_amount     bigint                   not null check (total_amount >= 0),
    currency         char(3)                  not null,
    shipping_address jsonb                    not null,
    expires_at       timestamp with time zone not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    version          bigint                   not null default 0
);
-- the expiry job and the open-checkout limit only ever look at unpaid checkouts
create index checkouts_expiry_idx on checkouts (expires_at) where status = 'PENDING_PAYMENT';
create index checkouts_open_buyer_idx on checkouts (buyer_id) where status = 'PENDING_PAYMENT';

create table orders
(
    id               uuid primary key,
    checkout_id      uuid                     not null references checkouts (id),
    buyer_id         uuid                     not null references users (id),
    seller_id        uuid                     not null references users (id),
    status           varchar(20)              not null
        check (status in ('PENDING_PAYMENT', 'CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'COMPLETED',
                          'CANCELLED', 'DISPUTED', 'REFUNDED')),
    subtotal_amount  bigint                   not null check (subtotal_amount >= 0),
    currency         char(3)                  not null,
    shipping_address jsonb                    not null,
    tracking_number  varchar(100),
    delivered_at     timestamp with time zone,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    version          bigint                   not null default 0
);
create index orders_checkout_idx on orders (checkout_id);
-- buyer and seller lists: newest first, keyset on (created_at, id)
create index orders_buyer_idx on orders (buyer_id, created_at desc, id desc);
create index orders_seller_idx on orders (seller_id, created_at desc, id desc);
-- the auto-complete job
create index orders_auto_complete_idx on orders (delivered_at) where status = 'DELIVERED';

-- Order lines keep a snapshot of the title and price at checkout: later edits of the product do not change them.
create table order_items
(
    order_id          uuid         not null references orders (id),
    product_id        uuid         not null references products (id),
    title             varchar(200) not null,
    unit_price_amount bigint       not null check (unit_price_amount >= 0),
    quantity          int          not null check (quantity > 0),
    line_total_amount bigint       not null check (line_total_amount >= 0),
    primary key (order_id, product_id)
);
-- "did this buyer receive this product" (reviews) starts from the product
create index order_items_product_idx on order_items (product_id);

-- The timeline of an order: append-only, one row per status change, numbered from 1.
create table order_events
(
    order_id        uuid                     not null references orders (id),
    sequence        int                      not null,
    status          varchar(20)              not null,
    previous_status varchar(20),
    note            varchar(1000),
    tracking_number varchar(100),
    actor_id        uuid,
    actor_role      varchar(10)              not null check (actor_role in ('BUYER', 'SELLER', 'ADMIN', 'SYSTEM')),
    at              timestamp with time zone not null,
    primary key (order_id, sequence)
);
