-- The operators' gauge of payments flagged for an admin (suspense, chargebacks) counts them at every metrics scrape:
-- a partial index keeps that to the few flagged rows instead of a scan of every payment.
create index payments_flagged_idx on payments (id) where flagged;
