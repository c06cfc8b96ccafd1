-- The gauge of contradicted documents counts them on every scrape: an index of the few, not a scan of the inbox.
create index payment_inbox_contradicted_idx on payment_inbox (received_at) where contradicted_by is not null;
