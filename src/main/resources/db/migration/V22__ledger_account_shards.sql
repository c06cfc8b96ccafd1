-- Accounts no balance check guards (CLEARING, PLATFORM) keep their sums in shards: a transaction adds its movement to
-- the shard of its transaction id, so concurrent payments of one provider no longer queue on the provider's one
-- clearing row. An account's balance is its row's sums plus its shards' (ledger_account_balances). A shard's pending
-- sums may be negative (a transfer held in one shard and posted or voided in another); the account's total never is.
create table ledger_account_shards
(
    account_id      bigint   not null references ledger_accounts (id),
    shard           smallint not null,
    debits_posted   bigint   not null default 0,
    credits_posted  bigint   not null default 0,
    debits_pending  bigint   not null default 0,
    credits_pending bigint   not null default 0,
    primary key (account_id, shard)
);

create view ledger_account_balances as
select a.id, a.type, a.owner, a.currency, a.must_not_go_negative,
       a.debits_posted + coalesce(s.debits_posted, 0)     as debits_posted,
       a.credits_posted + coalesce(s.credits_posted, 0)   as credits_posted,
       a.debits_pending + coalesce(s.debits_pending, 0)   as debits_pending,
       a.credits_pending + coalesce(s.credits_pending, 0) as credits_pending
from ledger_accounts a
         left join lateral (select sum(debits_posted)   as debits_posted,
                                   sum(credits_posted)  as credits_posted,
                                   sum(debits_pending)  as debits_pending,
                                   sum(credits_pending) as credits_pending
                            from ledger_account_shards s
                            where s.account_id = a.id) s on true;
