-- A payout of a user's wallet to their M-Pesa number (B2C). Its money is held in the ledger (wallet -> payouts in
-- flight, transfer id derived from "payout:<id>") in the transaction that creates the row; the B2C request is sent
-- after commit. SUCCEEDED posts the hold, FAILED voids it; a queue timeout leaves it PENDING until a Transaction
-- Status query settles it.
create table payouts
(
    id                         uuid primary key,
    user_id                    uuid                     not null references users (id),
    amount                     bigint                   not null check (amount > 0),
    currency                   char(3)                  not null,
    method                     varchar(10)              not null check (method in ('MPESA')),
    -- who carries it out: MPESA (Daraja B2C) or SIMULATOR (no credentials, never in prod)
    provider                   varchar(10)              not null check (provider in ('MPESA', 'SIMULATOR')),
    phone_number               varchar(12)              not null,
    status                     varchar(10)              not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    -- our id for the B2C request, echoed by every result, timeout and status answer about it
    originator_conversation_id varchar(100)             not null unique,
    -- Daraja's id for the accepted request
    conversation_id            varchar(100),
    -- the M-Pesa receipt (TransactionReceipt / ReceiptNo) of a succeeded payout
    receipt                    varchar(50),
    failure_reason             varchar(500),
    -- when the B2C request was handed to the provider; null while it may still be sent (never sent, or it surely
    -- did not reach the provider). Once set, the request is never sent again: only a status query settles it.
    sent_at                    timestamp with time zone,
    -- the status job looks at a PENDING payout from this time on (a lease between nodes)
    next_check_at              timestamp with time zone not null,
    created_at                 timestamp with time zone not null,
    updated_at                 timestamp with time zone not null
);
create index payouts_user_idx on payouts (user_id, created_at desc);
create index payouts_due_idx on payouts (next_check_at) where status = 'PENDING';
