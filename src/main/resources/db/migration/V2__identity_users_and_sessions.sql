-- Accounts. Emails are stored normalised (trimmed, lower-case) and unique; usernames unique case-insensitively.
create table users
(
    id                   uuid primary key,
    email                varchar(254) not null,
    email_verified       boolean      not null default false,
    password_hash        varchar(255),
    username             varchar(30)  not null,
    full_name            varchar(100) not null,
    bio                  varchar(500),
    phone_number         varchar(20),
    shop_name            varchar(100),
    seller               boolean      not null default false,
    admin                boolean      not null default false,
    avatar_key           varchar(255),
    avatar_thumbnail_key varchar(255),
    suspended_at         timestamp with time zone,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    version              bigint       not null default 0
);
create unique index users_email_uk on users (lower(email));
create unique index users_username_uk on users (lower(username));
-- fuzzy and prefix user search
create index users_username_trgm_idx on users using gin (lower(username) gin_trgm_ops);
create index users_full_name_trgm_idx on users using gin (lower(full_name) gin_trgm_ops);

-- A refresh-token family is one sign-in (one device). Rotation keeps the family; reusing a spent token revokes it.
create table refresh_token_families
(
    id             uuid primary key,
    user_id        uuid                     not null references users (id) on delete cascade,
    created_at     timestamp with time zone not null,
    revoked_at     timestamp with time zone,
    revoked_reason varchar(32)
);
create index refresh_token_families_live_by_user_idx on refresh_token_families (user_id) where revoked_at is null;

-- Only the SHA-256 of a refresh token is stored, so a database leak yields no usable token.
create table refresh_tokens
(
    token_hash bytea primary key,
    family_id  uuid                     not null references refresh_token_families (id) on delete cascade,
    issued_at  timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    spent_at   timestamp with time zone
);
create index refresh_tokens_family_idx on refresh_tokens (family_id);
