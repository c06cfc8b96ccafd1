-- A refund is sent to its provider at most once without proof that the first request never arrived: the right to send
-- it (sent_at) is claimed and committed before the provider is called. A refund still PENDING at check_at is taken by
-- the refund status job: sent if it never was, otherwise its provider is asked how it ended.
alter table refunds
    add column sent_at  timestamp with time zone,
    add column check_at timestamp with time zone;

-- refunds already pending may have been sent: they are asked about, never sent again
update refunds set sent_at = created_at, check_at = created_at where status = 'PENDING';

create index refunds_check_idx on refunds (check_at) where status = 'PENDING';
