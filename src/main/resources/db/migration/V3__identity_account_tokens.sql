-- One-time links mailed to a user: confirm the email address, confirm a new address, reset the password.
-- Only the SHA-256 of a token is stored, so a database leak yields no usable link. A token is spent (used_at set) by
-- one conditional update, so it works once even under concurrent requests; revoking a token also sets used_at.
create table account_tokens
(
    token_hash bytea primary key,
    user_id    uuid                     not null references users (id) on delete cascade,
    purpose    varchar(20)              not null,
    new_email  varchar(254),
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone,
    constraint account_tokens_purpose_ck check (purpose in ('VERIFY_EMAIL', 'CHANGE_EMAIL', 'RESET_PASSWORD')),
    -- the address to switch to travels with the token, and only with an email-change token
    constraint account_tokens_new_email_ck check ((purpose = 'CHANGE_EMAIL') = (new_email is not null))
);
-- a user's tokens by purpose: revoking the live ones, counting how many mails went out lately
create index account_tokens_by_user_idx on account_tokens (user_id, purpose, created_at);
-- purging tokens long past their expiry
create index account_tokens_expires_idx on account_tokens (expires_at);
