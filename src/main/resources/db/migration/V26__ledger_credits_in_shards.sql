-- Credits need no balance check, so every account now takes them in its shards (ledger_account_shards, V22), also an
-- account that may not go negative: the commission account (credited by every paid order) and a busy seller's wallet
-- no longer make concurrent transactions queue on their one row. Debits of such an account still update its row, and
-- the update's condition counts the row and its shards (LedgerAccounts.apply).
--
-- The row alone may therefore show more debits than credits, so the row's own check gives way to a trigger that checks
-- the whole account (row and shards) whenever an update raises its debits: still the last line of defence, which the
-- ledger's conditional updates never reach.
alter table ledger_accounts drop constraint ledger_accounts_not_negative;

create function ledger_account_not_negative() returns trigger
    language plpgsql as
$$
begin
    if exists (select 1
               from ledger_account_balances b
               where b.id = new.id
                 and b.debits_posted + b.debits_pending > b.credits_posted) then
        raise exception 'ledger account % would go negative', new.id
            using errcode = 'check_violation', constraint = 'ledger_accounts_not_negative';
    end if;
    return null;
end
$$;

create trigger ledger_accounts_not_negative
    after update on ledger_accounts
    for each row
    when (new.must_not_go_negative
        and new.debits_posted + new.debits_pending > old.debits_posted + old.debits_pending)
execute function ledger_account_not_negative();
