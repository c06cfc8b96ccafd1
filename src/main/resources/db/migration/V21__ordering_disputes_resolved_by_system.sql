-- A lost chargeback resolves its order's dispute with no admin: the payer's bank decided (outcome REFUND, no
-- resolved_by). A resolved dispute still has an outcome, a note and a time.
alter table order_disputes drop constraint order_disputes_check1;
alter table order_disputes
    add constraint order_disputes_resolved_check
        check (status = 'OPEN' or (outcome is not null and note is not null and resolved_at is not null));
