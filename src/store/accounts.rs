//! Users, sessions, API tokens, one-time links and failed sign-ins. Secrets arrive here
//! already hashed; times are RFC 3339 UTC text, compared as text.

use super::{StoreError, on_unique};
use crate::domain::problem::Message;
use sqlx::{AnyConnection, Row};

#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub password_hash: Option<String>,
    pub disabled: bool,
    pub created_at: String,
    /// The confirmed second-factor secret (hex), if any.
    pub totp_secret: Option<String>,
    /// A second-factor secret being set up, not yet confirmed by a code.
    pub totp_pending: Option<String>,
    /// The last time step whose code was accepted (a code works once).
    pub totp_last_step: Option<i64>,
}

const USER_COLUMNS: &str =
    "id, email, role, password_hash, disabled, created_at, totp_secret, totp_pending, totp_last_step";

fn user(r: &sqlx::any::AnyRow) -> sqlx::Result<User> {
    Ok(User {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        role: r.try_get("role")?,
        password_hash: r.try_get("password_hash")?,
        disabled: r.try_get::<i64, _>("disabled")? != 0,
        created_at: r.try_get("created_at")?,
        totp_secret: r.try_get("totp_secret")?,
        totp_pending: r.try_get("totp_pending")?,
        totp_last_step: r.try_get("totp_last_step")?,
    })
}

pub async fn create_user(
    conn: &mut AnyConnection,
    email: &str,
    role: &str,
    password_hash: Option<&str>,
    now: &str,
) -> Result<i64, StoreError> {
    let row = sqlx::query(
        "INSERT INTO users (email, role, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(email.to_owned())
    .bind(role.to_owned())
    .bind(password_hash.map(str::to_owned))
    .bind(now.to_owned())
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        on_unique(
            e,
            "email",
            Message::new("conflict-account-email").with("email", email),
        )
    })?;
    let id: i64 = row.try_get("id")?;
    super::record_change(conn, "user", id, "create").await?;
    Ok(id)
}

pub async fn users(conn: &mut AnyConnection) -> sqlx::Result<Vec<User>> {
    sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users ORDER BY email")))
        .fetch_all(conn)
        .await?
        .iter()
        .map(user)
        .collect()
}

pub async fn user_by_email(conn: &mut AnyConnection, email: &str) -> sqlx::Result<Option<User>> {
    sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1")))
        .bind(email.to_owned())
        .fetch_optional(conn)
        .await?
        .as_ref()
        .map(user)
        .transpose()
}

pub async fn user_by_id(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Option<User>> {
    sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1")))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .as_ref()
        .map(user)
        .transpose()
}

pub async fn admin_exists(conn: &mut AnyConnection) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0")
        .fetch_one(conn)
        .await?
        .try_get("n")?;
    Ok(n > 0)
}

/// Changes one column of a user (`role`, `password_hash` or `disabled`) and logs it.
pub async fn update_user(
    conn: &mut AnyConnection,
    id: i64,
    change: UserChange<'_>,
    now: &str,
) -> Result<(), StoreError> {
    let (query, action) = match change {
        UserChange::Role(r) => {
            (sqlx::query("UPDATE users SET role = $1, updated_at = $2 WHERE id = $3").bind(r.to_owned()), "role")
        }
        UserChange::Password(h) => (
            sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3").bind(h.to_owned()),
            "password",
        ),
        UserChange::Disabled(d) => (
            sqlx::query("UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3").bind(i64::from(d)),
            if d { "disable" } else { "enable" },
        ),
        UserChange::TotpPending(secret) => (
            sqlx::query("UPDATE users SET totp_pending = $1, updated_at = $2 WHERE id = $3")
                .bind(secret.map(str::to_owned)),
            "second_factor_setup",
        ),
        UserChange::Totp(secret) => (
            sqlx::query(
                "UPDATE users SET totp_secret = $1, totp_pending = NULL, totp_last_step = NULL, updated_at = $2 WHERE id = $3",
            )
            .bind(secret.map(str::to_owned)),
            if secret.is_some() { "second_factor_on" } else { "second_factor_off" },
        ),
    };
    super::record_change(conn, "user", id, action).await?;
    let done = query.bind(now.to_owned()).bind(id).execute(&mut *conn).await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

#[derive(Debug, Clone, Copy)]
pub enum UserChange<'a> {
    Role(&'a str),
    Password(&'a str),
    Disabled(bool),
    /// A second-factor secret to confirm (None: forget it).
    TotpPending(Option<&'a str>),
    /// The confirmed second-factor secret (None: second factor off).
    Totp(Option<&'a str>),
}

/// Records the time step of an accepted code, unless one as recent was used already: false
/// when the code was used before (a replay), atomically.
pub async fn use_totp_step(conn: &mut AnyConnection, user: i64, step: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
    )
    .bind(step)
    .bind(user)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

// ---- sessions ---------------------------------------------------------------------------------

pub async fn create_session(
    conn: &mut AnyConnection,
    id_hash: &str,
    user: i64,
    csrf: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen) VALUES ($1, $2, $3, $4, $4)")
        .bind(id_hash.to_owned())
        .bind(user)
        .bind(csrf.to_owned())
        .bind(now.to_owned())
        .execute(conn)
        .await?;
    Ok(())
}

pub struct SessionRow {
    pub user: User,
    pub csrf: String,
    pub created_at: String,
    pub last_seen: String,
}

pub async fn session(conn: &mut AnyConnection, id_hash: &str) -> sqlx::Result<Option<SessionRow>> {
    let row = sqlx::query(
        "SELECT u.id, u.email, u.role, u.password_hash, u.disabled, u.created_at, u.totp_secret, u.totp_pending, \
         u.totp_last_step, s.csrf, s.created_at AS session_created, s.last_seen \
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1",
    )
    .bind(id_hash.to_owned())
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        Ok(SessionRow {
            user: user(&r)?,
            csrf: r.try_get("csrf")?,
            created_at: r.try_get("session_created")?,
            last_seen: r.try_get("last_seen")?,
        })
    })
    .transpose()
}

pub async fn touch_session(conn: &mut AnyConnection, id_hash: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE sessions SET last_seen = $1 WHERE id_hash = $2")
        .bind(now.to_owned())
        .bind(id_hash.to_owned())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_session(conn: &mut AnyConnection, id_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash.to_owned()).execute(conn).await?;
    Ok(())
}

/// Ends every session of a user (disabled, password changed or reset).
pub async fn delete_sessions_of(conn: &mut AnyConnection, user: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user).execute(conn).await?;
    Ok(())
}

pub async fn delete_other_sessions(conn: &mut AnyConnection, user: i64, keep_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
        .bind(user)
        .bind(keep_hash.to_owned())
        .execute(conn)
        .await?;
    Ok(())
}

// ---- API tokens ---------------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct Token {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub created_by: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub revoked_at: Option<String>,
}

const TOKEN_COLUMNS: &str = "id, name, role, created_by, created_at, expires_at, revoked_at";

fn token(r: &sqlx::any::AnyRow) -> sqlx::Result<Token> {
    Ok(Token {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        role: r.try_get("role")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        expires_at: r.try_get("expires_at")?,
        revoked_at: r.try_get("revoked_at")?,
    })
}

pub struct NewToken<'a> {
    pub name: &'a str,
    pub role: &'a str,
    pub token_hash: &'a str,
    pub created_by: &'a str,
    pub expires_at: Option<&'a str>,
}

pub async fn create_token(conn: &mut AnyConnection, t: &NewToken<'_>, now: &str) -> Result<i64, StoreError> {
    let id: i64 = sqlx::query(
        "INSERT INTO api_tokens (name, role, token_hash, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(t.name.to_owned())
    .bind(t.role.to_owned())
    .bind(t.token_hash.to_owned())
    .bind(t.created_by.to_owned())
    .bind(now.to_owned())
    .bind(t.expires_at.map(str::to_owned))
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?;
    super::record_change(conn, "token", id, "create").await?;
    Ok(id)
}

pub async fn tokens(conn: &mut AnyConnection) -> sqlx::Result<Vec<Token>> {
    sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY id")))
        .fetch_all(conn)
        .await?
        .iter()
        .map(token)
        .collect()
}

pub async fn token_by_hash(conn: &mut AnyConnection, hash: &str) -> sqlx::Result<Option<Token>> {
    sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1")))
        .bind(hash.to_owned())
        .fetch_optional(conn)
        .await?
        .as_ref()
        .map(token)
        .transpose()
}

pub async fn revoke_token(conn: &mut AnyConnection, id: i64, now: &str) -> Result<(), StoreError> {
    super::record_change(conn, "token", id, "revoke").await?;
    let done = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now.to_owned())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

// ---- one-time links --------------------------------------------------------------------------------

pub async fn create_link(
    conn: &mut AnyConnection,
    token_hash: &str,
    purpose: &str,
    user: Option<i64>,
    now: &str,
    expires_at: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO one_time_links (token_hash, purpose, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash.to_owned())
    .bind(purpose.to_owned())
    .bind(user)
    .bind(now.to_owned())
    .bind(expires_at.to_owned())
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks a valid, unused link used and returns (purpose, user); None when it opens nothing.
/// Two requests racing for one link: only one update succeeds.
pub async fn use_link(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: &str,
) -> sqlx::Result<Option<(String, Option<i64>)>> {
    let row = sqlx::query(
        "SELECT purpose, user_id FROM one_time_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash.to_owned())
    .bind(now.to_owned())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let done = sqlx::query("UPDATE one_time_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL")
        .bind(now.to_owned())
        .bind(token_hash.to_owned())
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    Ok(Some((row.try_get("purpose")?, row.try_get("user_id")?)))
}

/// A link's purpose and user without using it (to show its form).
pub async fn peek_link(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: &str,
) -> sqlx::Result<Option<(String, Option<i64>)>> {
    let row = sqlx::query(
        "SELECT purpose, user_id FROM one_time_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash.to_owned())
    .bind(now.to_owned())
    .fetch_optional(conn)
    .await?;
    row.map(|r| Ok((r.try_get("purpose")?, r.try_get("user_id")?))).transpose()
}

// ---- failed sign-ins ----------------------------------------------------------------------------------

pub async fn record_failure(conn: &mut AnyConnection, subject: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO login_failures (subject, at) VALUES ($1, $2)")
        .bind(subject.to_owned())
        .bind(now.to_owned())
        .execute(conn)
        .await?;
    Ok(())
}

/// The times of a subject's failures since `since`, oldest first.
pub async fn failures_since(conn: &mut AnyConnection, subject: &str, since: &str) -> sqlx::Result<Vec<String>> {
    sqlx::query("SELECT at FROM login_failures WHERE subject = $1 AND at > $2 ORDER BY at")
        .bind(subject.to_owned())
        .bind(since.to_owned())
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| r.try_get("at"))
        .collect()
}

pub async fn clear_failures(conn: &mut AnyConnection, subject: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE subject = $1").bind(subject.to_owned()).execute(conn).await?;
    Ok(())
}
