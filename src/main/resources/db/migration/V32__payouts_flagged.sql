-- A payout M-Pesa's answers contradict (paid another amount than asked, or reported paid after failing, or the other
-- way round) is booked as first settled and flagged here for an admin to reconcile with Safaricom.
alter table payouts add column flag_reason varchar(500);
create index payouts_flagged_idx on payouts (updated_at) where flag_reason is not null;
