-- The admin list of payments: newest first, keyset on (created_at, id), optionally of one status.
create index payments_created_idx on payments (created_at desc, id desc);
create index payments_status_created_idx on payments (status, created_at desc, id desc);
create index payments_payer_idx on payments (payer_id, created_at desc, id desc);
