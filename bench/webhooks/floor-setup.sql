-- The floor's tables: copies of payment_inbox, ledger_accounts and ledger_transfers (same columns, keys, indexes and
-- checks) in a schema of their own, and the deliveries pgbench replays (psql variables: n events per lap, copies,
-- laps). Like the app's load, each lap delivers n fresh events `copies` times each, shuffled; events alternate
-- between the MPESA and STRIPE clearing accounts, and each has an escrow account of its own (created here: the
-- floor does not create accounts on first use as the ledger does).
\set ON_ERROR_STOP 1
set client_min_messages = warning;
drop schema if exists floor cascade;
create schema floor;
create table floor.payment_inbox (like public.payment_inbox including all);
create table floor.ledger_accounts (like public.ledger_accounts including all);
create table floor.ledger_transfers (like public.ledger_transfers including all);
alter table floor.ledger_transfers
    add foreign key (debit_account_id) references floor.ledger_accounts (id),
    add foreign key (credit_account_id) references floor.ledger_accounts (id);

insert into floor.ledger_accounts (type, owner, currency, must_not_go_negative, created_at)
values ('CLEARING', 'MPESA', 'KES', false, now()), ('CLEARING', 'STRIPE', 'KES', false, now());
insert into floor.ledger_accounts (type, owner, currency, must_not_go_negative, created_at)
select 'CHECKOUT_ESCROW', 'floor-' || e, 'KES', false, now() from generate_series(1, :n * :laps) e;

create table floor.deliveries
(
    seq         bigint primary key,
    provider    varchar(10)  not null,
    external_id varchar(200) not null,
    escrow_id   bigint       not null,
    amount      bigint       not null
);
insert into floor.deliveries (seq, provider, external_id, escrow_id, amount)
select row_number() over (order by lap, random()), provider, external_id, a.id, amount
  from (select lap, e,
               case when e % 2 = 1 then 'MPESA' else 'STRIPE' end                                 as provider,
               case when e % 2 = 1 then 'ws_CO_floor_' else 'evt_floor_' end || (lap * :n + e)     as external_id,
               'floor-' || (lap * :n + e)                                                          as owner,
               (100 + (e * 37) % 4900)::bigint * 100                                              as amount
          from generate_series(0, :laps - 1) lap, generate_series(1, :n) e) events
  join floor.ledger_accounts a on a.type = 'CHECKOUT_ESCROW' and a.owner = events.owner and a.currency = 'KES',
       generate_series(1, :copies) copy;
create sequence floor.cursor;
analyze;
