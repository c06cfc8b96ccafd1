-- A payment whose chargeback was lost: set with the bank's report, so no refund of it is sent from then on (the
-- payer has the money back), even before the seller's side has closed its orders and booked the loss.
alter table payments add column charged_back boolean not null default false;
