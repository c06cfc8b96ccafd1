-- Idempotency-Key support: the first request with a key does the work and stores its response in the same
-- transaction; repeats within 24 h replay it. A row IN_PROGRESS blocks concurrent repeats; its lock expires so that a
-- crashed request (whose work rolled back) can be retried with the same key.
create table idempotency_keys
(
    user_id         uuid                     not null,
    idempotency_key varchar(255)             not null,
    scope           varchar(200)             not null,
    request_hash    bytea                    not null,
    status          varchar(16)              not null check (status in ('IN_PROGRESS', 'COMPLETED')),
    response_status int,
    response_body   bytea,
    locked_until    timestamp with time zone not null,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    primary key (user_id, idempotency_key)
);
create index idempotency_keys_expires_idx on idempotency_keys (expires_at);
