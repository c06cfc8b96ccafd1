-- A provider's webhook is answered once its document is recorded here; a worker applies it afterwards (kind names
-- how), retrying with a growing delay after a failure. Documents applied in the transaction that records them (kind
-- null: payout and refund results, status queries, the simulator) are never picked up by that worker.
alter table payment_inbox
    add column kind            varchar(20),
    add column attempts        integer not null default 0,
    add column next_attempt_at timestamp with time zone,
    add column last_error      varchar(1000);

create index payment_inbox_due_idx on payment_inbox (next_attempt_at) where processed_at is null and kind is not null;
