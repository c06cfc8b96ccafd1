-- Admins find accounts by any part of their email, username or name (GET /admin/users?q=); username and name have
-- trigram indexes since V2, the email gets one too.
create index users_email_trgm_idx on users using gin (lower(email) gin_trgm_ops);
