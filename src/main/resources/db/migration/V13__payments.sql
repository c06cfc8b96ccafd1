-- A payment of one purpose's reference (a checkout, an ad campaign) through one provider. The amount is the
-- reference's at the time the payment was created (never the client's); money moves through the ledger.
create table payments
(
    id                 uuid primary key,
    purpose            varchar(20)              not null check (purpose in ('CHECKOUT', 'AD_CAMPAIGN')),
    reference_id       uuid                     not null,
    payer_id           uuid                     not null references users (id),
    method             varchar(10)              not null check (method in ('MPESA', 'CARD')),
    provider           varchar(10)              not null check (provider in ('MPESA', 'STRIPE', 'SIMULATOR')),
    status             varchar(20)              not null
        check (status in ('PENDING', 'REQUIRES_ACTION', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'REFUNDED',
                          'PARTIALLY_REFUNDED')),
    amount             bigint                   not null check (amount > 0),
    currency           char(3)                  not null,
    phone_number       varchar(12),
    -- the provider's id: M-Pesa CheckoutRequestID, Stripe PaymentIntent id, sim_… for the simulator
    provider_reference varchar(100),
    client_secret      varchar(200),
    failure_reason     varchar(500),
    refunded_amount    bigint                   not null default 0 check (refunded_amount >= 0 and refunded_amount <= amount),
    -- money arrived that did not match this payment (another amount): booked to SUSPENSE for an admin
    flagged            boolean                  not null default false,
    -- the reconciliation job asks the provider about a PENDING payment from this time on (a lease between nodes)
    next_check_at      timestamp with time zone not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    version            bigint                   not null default 0
);
-- one payment in flight per reference: a second attempt is 409 payment_in_progress (after a FAILED one it is allowed)
create unique index payments_one_pending_idx on payments (purpose, reference_id) where status = 'PENDING';
create index payments_reference_idx on payments (purpose, reference_id);
create unique index payments_provider_reference_idx on payments (provider, provider_reference);
create index payments_reconcile_idx on payments (next_check_at) where status = 'PENDING';

-- Every provider callback (and simulated one) is recorded here before it is applied, in the same transaction:
-- a duplicate delivery finds its row and does nothing.
create table payment_inbox
(
    provider     varchar(10)              not null,
    external_id  varchar(200)             not null,
    payload      jsonb                    not null,
    received_at  timestamp with time zone not null,
    processed_at timestamp with time zone,
    outcome      varchar(30),
    primary key (provider, external_id)
);

-- A refund of (part of) a succeeded payment. The refund key names the business reason (e.g. order-cancel:<id>), so
-- asking twice for the same refund records it once; its ledger transfer id derives from the refund id.
create table refunds
(
    id                 uuid primary key,
    payment_id         uuid                     not null references payments (id),
    refund_key         varchar(200)             not null,
    amount             bigint                   not null check (amount > 0),
    currency           char(3)                  not null,
    status             varchar(10)              not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    reason             varchar(500),
    provider_reference varchar(100),
    failure_reason     varchar(500),
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    unique (payment_id, refund_key)
);
create index refunds_provider_reference_idx on refunds (provider_reference);
create index refunds_pending_idx on refunds (created_at) where status = 'PENDING';
