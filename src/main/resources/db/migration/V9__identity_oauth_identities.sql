-- Sign-in with Google, Facebook and X. An account made through X (which shares no email) or through a provider that
-- does not vouch for its address has no email until its owner adds one with a mailed link, so the column becomes
-- optional; users_email_uk on lower(email) keeps addresses unique and lets any number of accounts have none.
alter table users alter column email drop not null;

-- One row per provider account: it signs in to exactly one marketplace account, and an account has at most one
-- identity per provider (so DELETE /users/me/identities/{provider} names one row).
create table oauth_identities
(
    provider     varchar(16)              not null,
    subject      varchar(255)             not null,
    user_id      uuid                     not null references users (id) on delete cascade,
    -- the address the provider reported when the identity was linked (shown to the owner; never used to sign in)
    email        varchar(254),
    linked_at    timestamp with time zone not null,
    last_used_at timestamp with time zone not null,
    primary key (provider, subject),
    constraint oauth_identities_provider_ck check (provider in ('google', 'facebook', 'twitter')),
    -- also serves "the identities of a user"
    constraint oauth_identities_user_provider_uk unique (user_id, provider)
);
