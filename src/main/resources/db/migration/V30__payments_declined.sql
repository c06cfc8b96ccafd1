-- A succeeded payment its reference did not take (the checkout was paid by another payment, had expired, or its
-- total changed while it was being paid): refunded in full, and no longer what makes the reference "paid", so the
-- reference can still be paid and a refund of the reference never draws on it.
alter table payments add column declined boolean not null default false;
