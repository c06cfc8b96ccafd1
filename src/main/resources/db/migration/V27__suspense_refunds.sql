-- Money received with another amount than its payment's is booked to SUSPENSE (PaymentSettlement); an admin can now
-- send it back to the payer. suspense_amount is what of a payment went to suspense (written in the settlement's own
-- transaction); a refund's source says which account it is paid from.
alter table payments
    add column suspense_amount bigint not null default 0 check (suspense_amount >= 0);

update payments p
set suspense_amount = t.total
from (select reference_id, sum(amount) as total
      from ledger_transfers
      where code = 'SUSPENSE'
        and reference_type = 'PAYMENT'
      group by reference_id) t
where t.reference_id = p.id;

alter table refunds
    add column source varchar(10) not null default 'ESCROW' check (source in ('ESCROW', 'SUSPENSE'));
