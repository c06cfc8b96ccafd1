-- Buyer protection. A dispute freezes its order's escrow until an admin resolves it: RELEASE pays the seller as a
-- completion would, REFUND gives the buyer the order's subtotal back. The row keeps who decided what and why.
create table order_disputes
(
    id          uuid primary key,
    order_id    uuid                     not null references orders (id),
    opened_by   uuid                     not null references users (id),
    reason      varchar(1000)            not null,
    opened_at   timestamp with time zone not null,
    status      varchar(10)              not null check (status in ('OPEN', 'RESOLVED')),
    outcome     varchar(10) check (outcome in ('RELEASE', 'REFUND')),
    resolved_by uuid references users (id),
    note        varchar(500),
    resolved_at timestamp with time zone,
    -- a resolved dispute has an outcome, a deciding admin, a note and a time; an open one has none of them
    check ((status = 'OPEN') = (outcome is null and resolved_by is null and note is null and resolved_at is null)),
    check (status = 'OPEN' or (outcome is not null and resolved_by is not null and note is not null
                               and resolved_at is not null))
);
create unique index order_disputes_one_open_idx on order_disputes (order_id) where status = 'OPEN';
-- the admin list: newest first, keyset on (opened_at, id), optionally by status
create index order_disputes_list_idx on order_disputes (status, opened_at desc, id desc);
create index order_disputes_opened_idx on order_disputes (opened_at desc, id desc);

-- Refunds an admin grants after an order completed. The money comes from the platform's own account (the seller has
-- been paid and keeps it); these rows cap the refunds of an order at its subtotal.
create table order_refunds
(
    id          uuid primary key,
    order_id    uuid                     not null references orders (id),
    amount      bigint                   not null check (amount > 0),
    currency    char(3)                  not null,
    note        varchar(500)             not null,
    refunded_by uuid                     not null references users (id),
    created_at  timestamp with time zone not null
);
create index order_refunds_order_idx on order_refunds (order_id);
