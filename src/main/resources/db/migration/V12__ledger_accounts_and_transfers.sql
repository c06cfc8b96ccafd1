-- The double-entry ledger (modelled on TigerBeetle). An account keeps four running sums; they change only through
-- conditional updates that apply a whole call's transfers at once, so the sums always equal the sums of the account's
-- transfers by state, and across all accounts of a currency debits equal credits.
create table ledger_accounts
(
    id                   bigint generated always as identity primary key,
    type                 varchar(30)              not null
        check (type in ('CLEARING', 'CHECKOUT_ESCROW', 'CAMPAIGN_ESCROW', 'WALLET', 'COMMISSION', 'SUSPENSE',
                        'PAYOUTS_IN_FLIGHT', 'PLATFORM')),
    owner                varchar(100)             not null,
    currency             char(3)                  not null,
    must_not_go_negative boolean                  not null,
    debits_posted        bigint                   not null default 0 check (debits_posted >= 0),
    credits_posted       bigint                   not null default 0 check (credits_posted >= 0),
    debits_pending       bigint                   not null default 0 check (debits_pending >= 0),
    credits_pending      bigint                   not null default 0 check (credits_pending >= 0),
    created_at           timestamp with time zone not null,
    unique (type, owner, currency),
    -- the last line of defence: the ledger's conditional updates never get here
    constraint ledger_accounts_not_negative
        check (not must_not_go_negative or debits_posted + debits_pending <= credits_posted)
);

-- One row per transfer. The id is derived from the business event (Transfer.idFor), so a replay finds its row.
-- two_phase: written as pending (hold); its state then moves PENDING -> POSTED or VOIDED, once.
create table ledger_transfers
(
    id                uuid primary key,
    debit_account_id  bigint                   not null references ledger_accounts (id),
    credit_account_id bigint                   not null references ledger_accounts (id),
    amount            bigint                   not null check (amount > 0),
    currency          char(3)                  not null,
    code              varchar(40)              not null,
    reference_type    varchar(40)              not null,
    reference_id      uuid                     not null,
    description       varchar(500),
    two_phase         boolean                  not null,
    state             varchar(10)              not null check (state in ('PENDING', 'POSTED', 'VOIDED')),
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    check (debit_account_id <> credit_account_id),
    check (two_phase or state = 'POSTED')
);
-- an account's statement, newest first: one index per side, merged by the query
create index ledger_transfers_debit_idx on ledger_transfers (debit_account_id, created_at desc, id desc);
create index ledger_transfers_credit_idx on ledger_transfers (credit_account_id, created_at desc, id desc);
