-- The admin list of orders: newest first, keyset on (created_at, id), optionally of one status.
create index orders_created_idx on orders (created_at desc, id desc);
create index orders_status_created_idx on orders (status, created_at desc, id desc);
