-- Optional second factor (TOTP, RFC 6238) per account: the secret once confirmed, the one
-- being set up, and the last time step used (a code works once).
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
