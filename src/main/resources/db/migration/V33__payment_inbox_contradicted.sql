-- A provider's redelivery of a document (same provider, same id) whose content contradicts what was recorded (an
-- M-Pesa failure callback, then a success one for the same CheckoutRequestID) changes nothing, as every redelivery:
-- the first such document is kept here for an admin to look into, with when it came.
alter table payment_inbox
    add column contradicted_by jsonb,
    add column contradicted_at timestamp with time zone;
