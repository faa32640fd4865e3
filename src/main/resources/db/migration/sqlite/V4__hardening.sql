-- Usernames are unique among registered users, ignoring case, so a name can no longer shadow another
-- account's at login. Guests are all called "guest" and never sign in by name, so they are left out.
-- Kept in step with the other database's V4__hardening.sql: the two are the same.
--
-- POST /chats/users used to create passwordless users under any name, so duplicates may exist. The
-- name stays with one user: one who can sign in (has a password) before one who cannot, then the
-- oldest. Every other user with that name is renamed "<name> (duplicate <user_id>)"; they can still
-- sign in by email.
UPDATE users SET username = substr(username, 1, 200) || ' (duplicate ' || user_id || ')'
WHERE is_guest = FALSE AND EXISTS (
    SELECT 1 FROM users keeper
    WHERE keeper.is_guest = FALSE
      AND lower(keeper.username) = lower(users.username)
      AND keeper.user_id <> users.user_id
      AND ((keeper.password_hash IS NOT NULL AND users.password_hash IS NULL)
           OR ((keeper.password_hash IS NULL) = (users.password_hash IS NULL) AND keeper.user_id < users.user_id)));

CREATE UNIQUE INDEX ux_users_registered_username ON users (lower(username)) WHERE is_guest = FALSE;
