-- The payment that paid a checkout: a second payment that succeeds for the same checkout is refunded, and
-- cancelling a paid order refunds (part of) this one.
alter table checkouts add column paid_by_payment_id uuid;
