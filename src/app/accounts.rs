//! Coordinator accounts: users and roles, sign-in with growing delays after failures,
//! server-side sessions (idle and absolute expiry), API tokens, one-time links to set a
//! password or create the first admin. Passwords are argon2id hashes; session ids, tokens
//! and links are random 256-bit values stored only as SHA-256 hashes.

use super::{Action, Actor, AppError, AppState, Role, Work};
use crate::domain::digest::{sha256_hex as secret_hash, to_hex};
use crate::domain::problem::{FieldError, Problem};
use crate::store::accounts::{self as store, NewToken, UserChange};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

pub const MIN_PASSWORD: usize = 12;
use crate::domain::limits::PASSWORD as MAX_PASSWORD;
/// A session unused this long ends.
pub const IDLE: Duration = Duration::hours(8);
/// A session ends this long after sign-in, used or not.
pub const ABSOLUTE: Duration = Duration::days(7);
/// How long a one-time link (set a password, first admin) stays valid.
pub const LINK_VALIDITY: Duration = Duration::days(2);
/// Failed sign-ins count for this long.
const FAILURE_WINDOW: Duration = Duration::minutes(15);

/// The server's clock; tests move it forward to expire sessions.
#[derive(Debug, Default)]
pub struct Clock {
    offset_seconds: std::sync::atomic::AtomicI64,
}

impl Clock {
    pub fn now(&self) -> OffsetDateTime {
        let offset = self.offset_seconds.load(std::sync::atomic::Ordering::Relaxed);
        OffsetDateTime::now_utc().replace_nanosecond(0).unwrap_or_else(|_| OffsetDateTime::now_utc())
            + Duration::seconds(offset)
    }

    pub fn advance(&self, by: Duration) {
        self.offset_seconds.fetch_add(by.whole_seconds(), std::sync::atomic::Ordering::Relaxed);
    }
}

fn stamp(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

fn parse_stamp(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// A fresh random secret as 64 hex digits.
pub fn random_secret() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(anyhow::anyhow!("no system randomness: {e}")))?;
    Ok(to_hex(&bytes))
}

fn hasher(state: &AppState) -> Argon2<'static> {
    let params = if state.settings.cheap_hashing {
        Params::new(8, 1, 1, None)
    } else {
        // OWASP's first argon2id choice: 19 MiB, 2 passes, 1 lane.
        Params::new(19 * 1024, 2, 1, None)
    }
    .expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_password(state: &AppState, password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| AppError::Internal(anyhow::anyhow!("no system randomness: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(hasher(state)
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("password hashing: {e}")))?
        .to_string())
}

fn verify_password(state: &AppState, password: &str, hash: &str) -> bool {
    // The parameters are read from the hash itself.
    PasswordHash::new(hash).is_ok_and(|h| hasher(state).verify_password(password.as_bytes(), &h).is_ok())
}

fn check_password(password: &str) -> Result<(), AppError> {
    let n = password.chars().count();
    let problem = if n < MIN_PASSWORD {
        Problem::TooShort { min: MIN_PASSWORD }
    } else if n > MAX_PASSWORD {
        Problem::TooLong { max: MAX_PASSWORD }
    } else {
        return Ok(());
    };
    Err(AppError::Validation(vec![FieldError::new("password", problem)]))
}

fn normalise_email(email: &str) -> Result<String, AppError> {
    crate::domain::values::Email::parse(email.trim())
        .map(|e| e.as_str().to_lowercase())
        .map_err(|p| AppError::Validation(vec![FieldError::new("email", p)]))
}

/// What a sign-in form's address is looked up as: lower case; an address no account can have
/// (control characters, absurd length) becomes empty, which matches no account and never
/// reaches the database as such.
fn plausible_email(email: &str) -> String {
    let email = email.trim().to_lowercase();
    if email.len() > 320 || email.chars().any(char::is_control) { String::new() } else { email }
}

fn role_of(user: &store::User) -> Role {
    Role::parse(&user.role).unwrap_or(Role::Viewer)
}

// ---- users ----------------------------------------------------------------------------------------

pub struct NewUser {
    pub id: i64,
    /// A one-time link token to set the password, when none was given.
    pub link: Option<String>,
}

/// Adds a user; without a password, returns a one-time link token to set one.
pub async fn add_user(
    state: &AppState,
    actor: &Actor,
    email: &str,
    role: Role,
    password: Option<&str>,
) -> Result<NewUser, AppError> {
    actor.require(Action::ManageUsers)?;
    let email = normalise_email(email)?;
    let hash = match password {
        Some(p) => {
            check_password(p)?;
            Some(hash_password(state, p)?)
        }
        None => None,
    };
    let now = state.clock.now();
    let mut work = Work::begin(state, actor, "accounts.add_user").await?;
    let id = store::create_user(&mut work, &email, role.code(), hash.as_deref(), &stamp(now)).await?;
    let link = match hash {
        Some(_) => None,
        None => Some(new_link(&mut work, "set_password", Some(id), now).await?),
    };
    work.commit().await?;
    Ok(NewUser { id, link })
}

async fn new_link(
    conn: &mut sqlx::AnyConnection,
    purpose: &str,
    user: Option<i64>,
    now: OffsetDateTime,
) -> Result<String, AppError> {
    let token = random_secret()?;
    store::create_link(conn, &secret_hash(&token), purpose, user, &stamp(now), &stamp(now + LINK_VALIDITY)).await?;
    Ok(token)
}

pub async fn users(state: &AppState, actor: &Actor) -> Result<Vec<store::User>, AppError> {
    actor.require(Action::ManageUsers)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(store::users(&mut conn).await?)
}

/// Finds a user by e-mail address or id, as the CLI names them.
pub async fn find_user(state: &AppState, actor: &Actor, who: &str) -> Result<store::User, AppError> {
    actor.require(Action::ManageUsers)?;
    let mut conn = state.db.pool.acquire().await?;
    let found = match who.trim().parse::<i64>() {
        Ok(id) => store::user_by_id(&mut conn, id).await?,
        Err(_) => store::user_by_email(&mut conn, &who.trim().to_lowercase()).await?,
    };
    found.ok_or(AppError::NotFound)
}

/// Disables or enables an account; disabling ends its sessions at once.
pub async fn set_disabled(state: &AppState, actor: &Actor, user: i64, disabled: bool) -> Result<(), AppError> {
    actor.require(Action::ManageUsers)?;
    let mut work = Work::begin(state, actor, "accounts.set_disabled").await?;
    store::update_user(&mut work, user, UserChange::Disabled(disabled), &stamp(state.clock.now())).await?;
    if disabled {
        store::delete_sessions_of(&mut work, user).await?;
    }
    work.commit().await
}

pub async fn set_role(state: &AppState, actor: &Actor, user: i64, role: Role) -> Result<(), AppError> {
    actor.require(Action::ManageUsers)?;
    let mut work = Work::begin(state, actor, "accounts.set_role").await?;
    store::update_user(&mut work, user, UserChange::Role(role.code()), &stamp(state.clock.now())).await?;
    work.commit().await
}

/// A one-time link token for `user` to set a new password (the old one keeps working
/// until then).
pub async fn reset_link(state: &AppState, actor: &Actor, user: i64) -> Result<String, AppError> {
    actor.require(Action::ManageUsers)?;
    let mut work = Work::begin(state, actor, "accounts.reset_link").await?;
    store::user_by_id(&mut work, user).await?.ok_or(AppError::NotFound)?;
    let token = new_link(&mut work, "set_password", Some(user), state.clock.now()).await?;
    crate::store::record_change(&mut work, "user", user, "reset_link").await?;
    work.commit().await?;
    Ok(token)
}

/// While no admin exists: a one-time link to the page that creates the first one.
pub async fn first_admin_link(state: &AppState) -> Result<Option<String>, AppError> {
    let mut conn = state.db.begin_write().await?;
    if store::admin_exists(&mut conn).await? {
        return Ok(None);
    }
    let token = new_link(&mut conn, "first_admin", None, state.clock.now()).await?;
    conn.commit().await?;
    Ok(Some(token))
}

/// What a one-time link is for, without using it.
pub enum LinkPurpose {
    SetPassword { email: String },
    FirstAdmin,
}

pub async fn peek_link(state: &AppState, token: &str) -> Result<Option<LinkPurpose>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let now = stamp(state.clock.now());
    Ok(match store::peek_link(&mut conn, &secret_hash(token), &now).await? {
        Some((purpose, Some(user))) if purpose == "set_password" => {
            store::user_by_id(&mut conn, user).await?.map(|u| LinkPurpose::SetPassword { email: u.email })
        }
        Some((purpose, None)) if purpose == "first_admin" && !store::admin_exists(&mut conn).await? => {
            Some(LinkPurpose::FirstAdmin)
        }
        _ => None,
    })
}

/// Uses a one-time link: sets the user's password, or creates the first admin with `email`.
/// Returns the user's id; the link then opens nothing.
pub async fn use_link(state: &AppState, token: &str, email: Option<&str>, password: &str) -> Result<i64, AppError> {
    let first = match peek_link(state, token).await? {
        Some(LinkPurpose::FirstAdmin) => Some(normalise_email(email.unwrap_or(""))?),
        Some(LinkPurpose::SetPassword { .. }) => None,
        None => return Err(AppError::NotFound),
    };
    check_password(password)?;
    let hash = hash_password(state, password)?;
    let now = stamp(state.clock.now());
    let mut tx = state.db.begin_write().await?;
    let mark = crate::store::revision(&mut tx).await?;
    let Some((_, user)) = store::use_link(&mut tx, &secret_hash(token), &now).await? else {
        return Err(AppError::NotFound);
    };
    let id = match (first, user) {
        (Some(email), None) => {
            if store::admin_exists(&mut tx).await? {
                return Err(AppError::NotFound);
            }
            store::create_user(&mut tx, &email, Role::Admin.code(), Some(&hash), &now).await?
        }
        (None, Some(user)) => {
            store::update_user(&mut tx, user, UserChange::Password(&hash), &now).await?;
            store::delete_sessions_of(&mut tx, user).await?;
            user
        }
        _ => return Err(AppError::NotFound),
    };
    crate::store::audit::finish(&mut tx, mark, &format!("user:{id}"), "accounts.use_link", None).await?;
    tx.commit().await?;
    Ok(id)
}

/// "Forgot my password": when an enabled account has this address and a relay is configured,
/// e-mails it a one-time link to choose a new password. The answer is the same whether the
/// account exists or not; requests are throttled per address and per client like sign-ins.
pub async fn forgot_password(
    state: &AppState,
    email: &str,
    client: &str,
    base_url: &str,
    lang: crate::i18n::Lang,
) -> Result<(), AppError> {
    let Some(mailer) = state.mailer.clone() else { return Err(AppError::NotFound) };
    let email = plausible_email(email);
    let now = state.clock.now();
    let since = stamp(now - FAILURE_WINDOW);
    let subjects = [(format!("reset:{email}"), 1), (format!("reset-from:{client}"), 5)];
    let mut tx = state.db.begin_write().await?;
    for (subject, scale) in &subjects {
        let earlier: Vec<OffsetDateTime> =
            store::failures_since(&mut tx, subject, &since).await?.iter().filter_map(|s| parse_stamp(s)).collect();
        if let Some(wait) = wait_for(&earlier, now, *scale) {
            return Err(AppError::TooManyAttempts { retry_after: wait.whole_seconds().max(1) as u64 });
        }
    }
    for (subject, _) in &subjects {
        store::record_failure(&mut tx, subject, &stamp(now)).await?;
    }
    let user = store::user_by_email(&mut tx, &email).await?.filter(|u| !u.disabled);
    let token = match &user {
        Some(u) => Some(new_link(&mut tx, "set_password", Some(u.id), now).await?),
        None => None,
    };
    tx.commit().await?;
    if let (Some(u), Some(token)) = (user, token) {
        let link = format!("{}/welcome/{token}", base_url.trim_end_matches('/'));
        let subject = crate::i18n::text(lang, "mail-reset-subject", &[]);
        let body = crate::i18n::tr!(lang, "mail-reset-body", account = &u.email, link = &link);
        if let Err(e) = mailer.send_text(&u.email, None, subject, body).await {
            // Said to the operator, not to the requester (that would tell the account exists).
            tracing::error!(error = %e, "password-reset e-mail not sent");
        }
    }
    Ok(())
}

/// Changes one's own password, given the current one; other sessions end.
pub async fn change_password(
    state: &AppState,
    actor: &Actor,
    session: &str,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    actor.require(Action::OwnAccount)?;
    let Actor::User { id, .. } = actor else { return Err(AppError::Forbidden) };
    let mut conn = state.db.pool.acquire().await?;
    let user = store::user_by_id(&mut conn, *id).await?.ok_or(AppError::NotFound)?;
    drop(conn);
    if !user.password_hash.as_deref().is_some_and(|h| verify_password(state, current, h)) {
        return Err(AppError::Validation(vec![FieldError::new("current", Problem::WrongPassword)]));
    }
    check_password(new)?;
    let hash = hash_password(state, new)?;
    let mut work = Work::begin(state, actor, "accounts.change_password").await?;
    store::update_user(&mut work, *id, UserChange::Password(&hash), &stamp(state.clock.now())).await?;
    // Other sessions end; this one stays, it is the person who just proved the password.
    store::delete_other_sessions(&mut work, *id, &secret_hash(session)).await?;
    work.commit().await
}

// ---- sign-in and sessions ----------------------------------------------------------------------------

/// A new session: the cookie value (secret) and its form token.
pub struct NewSession {
    pub id: String,
    pub csrf: String,
}

/// What a correct password leads to.
pub enum SignIn {
    Session(NewSession),
    /// The account has a second factor: the code goes with this ticket (valid 5 minutes).
    Code {
        ticket: String,
    },
}

/// How long a sign-in may wait for its second-factor code.
const CODE_VALIDITY: Duration = Duration::minutes(5);
const TOTP_STEP: i64 = 30;

/// How long `subject` must still wait before another attempt, given its recent failures:
/// nothing for the first three, then 1, 2, 4 … seconds (at most 5 minutes); and nine
/// failures within a minute close the door for the rest of that minute.
fn wait_for(failures: &[OffsetDateTime], now: OffsetDateTime, scale: usize) -> Option<Duration> {
    let n = failures.len() / scale;
    let last = *failures.last()?;
    let in_last_minute = failures.iter().filter(|t| now - **t < Duration::minutes(1)).count() / scale;
    let mut until = last;
    if n > 3 {
        until = last + Duration::seconds((1i64 << (n - 4).min(9)).min(300));
    }
    if in_last_minute >= 9 {
        let ninth = failures[failures.len() - 9 * scale];
        until = until.max(ninth + Duration::minutes(1));
    }
    (until > now).then(|| until - now)
}

/// Signs in with an e-mail address and password. Every refusal says the same thing, whether
/// the account exists or not; failures slow further attempts down, per account and per
/// client address, and an attempt made too early is refused without checking the password.
pub async fn sign_in(state: &AppState, email: &str, password: &str, client: &str) -> Result<SignIn, AppError> {
    let email = plausible_email(email);
    let now = state.clock.now();
    let since = stamp(now - FAILURE_WINDOW);
    let subjects = [(format!("account:{email}"), 1), (format!("address:{client}"), 5)];
    let mut conn = state.db.pool.acquire().await?;
    for (subject, scale) in &subjects {
        let failures: Vec<OffsetDateTime> =
            store::failures_since(&mut conn, subject, &since).await?.iter().filter_map(|s| parse_stamp(s)).collect();
        if let Some(wait) = wait_for(&failures, now, *scale) {
            return Err(AppError::TooManyAttempts { retry_after: wait.whole_seconds().max(1) as u64 });
        }
    }
    let user = store::user_by_email(&mut conn, &email).await?;
    drop(conn);
    let ok = match &user {
        Some(u) if !u.disabled => u.password_hash.as_deref().is_some_and(|h| verify_password(state, password, h)),
        // The same work whether the account exists or not.
        _ => {
            let _ = verify_password(state, password, DUMMY_HASH);
            false
        }
    };
    let mut tx = state.db.begin_write().await?;
    let Some(user) = user.filter(|_| ok) else {
        for (subject, _) in &subjects {
            store::record_failure(&mut tx, subject, &stamp(now)).await?;
        }
        tx.commit().await?;
        return Err(AppError::Validation(vec![FieldError::new("password", Problem::BadCredentials)]));
    };
    if user.totp_secret.is_some() {
        // The failures stay counted until the code is right too.
        let ticket = random_secret()?;
        store::create_link(
            &mut tx,
            &secret_hash(&ticket),
            "second_factor",
            Some(user.id),
            &stamp(now),
            &stamp(now + CODE_VALIDITY),
        )
        .await?;
        tx.commit().await?;
        return Ok(SignIn::Code { ticket });
    }
    store::clear_failures(&mut tx, &subjects[0].0).await?;
    let session = open_session(&mut tx, user.id, now).await?;
    tx.commit().await?;
    Ok(SignIn::Session(session))
}

/// A new session for `user`. A new id at every sign-in: an id planted before cannot be
/// carried over.
async fn open_session(conn: &mut sqlx::AnyConnection, user: i64, now: OffsetDateTime) -> Result<NewSession, AppError> {
    let session = NewSession { id: random_secret()?, csrf: random_secret()? };
    store::create_session(conn, &secret_hash(&session.id), user, &session.csrf, &stamp(now)).await?;
    Ok(session)
}

/// The second step of a sign-in: the code of the account's authenticator, with the ticket the
/// password gave. Wrong codes count as failed sign-ins; a code works once.
pub async fn sign_in_code(state: &AppState, ticket: &str, code: &str, client: &str) -> Result<NewSession, AppError> {
    let now = state.clock.now();
    let mut conn = state.db.pool.acquire().await?;
    let Some(("second_factor", Some(user_id))) =
        store::peek_link(&mut conn, &secret_hash(ticket), &stamp(now)).await?.as_ref().map(|(p, u)| (p.as_str(), *u))
    else {
        return Err(AppError::Validation(vec![FieldError::new("code", Problem::Expired)]));
    };
    let user = store::user_by_id(&mut conn, user_id).await?.ok_or(AppError::NotFound)?;
    let subjects = [(format!("account:{}", user.email), 1), (format!("address:{client}"), 5)];
    let since = stamp(now - FAILURE_WINDOW);
    for (subject, scale) in &subjects {
        let failures: Vec<OffsetDateTime> =
            store::failures_since(&mut conn, subject, &since).await?.iter().filter_map(|s| parse_stamp(s)).collect();
        if let Some(wait) = wait_for(&failures, now, *scale) {
            return Err(AppError::TooManyAttempts { retry_after: wait.whole_seconds().max(1) as u64 });
        }
    }
    drop(conn);
    let step = user.totp_secret.as_deref().and_then(|s| matching_step(s, &user.email, code, now));
    let mut tx = state.db.begin_write().await?;
    let fresh = match step {
        Some(step) => store::use_totp_step(&mut tx, user.id, step).await?,
        None => false,
    };
    if user.disabled || !fresh {
        for (subject, _) in &subjects {
            store::record_failure(&mut tx, subject, &stamp(now)).await?;
        }
        tx.commit().await?;
        return Err(AppError::Validation(vec![FieldError::new("code", Problem::WrongCode)]));
    }
    store::use_link(&mut tx, &secret_hash(ticket), &stamp(now)).await?;
    store::clear_failures(&mut tx, &subjects[0].0).await?;
    let session = open_session(&mut tx, user.id, now).await?;
    tx.commit().await?;
    Ok(session)
}

fn totp(secret_hex: &str, email: &str) -> Option<totp_rs::TOTP> {
    let bytes: Vec<u8> = (0..secret_hex.len())
        .step_by(2)
        .map(|i| secret_hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect::<Option<_>>()?;
    totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, TOTP_STEP as u64, bytes, Some("Maillage".into()), email.into())
        .ok()
}

/// The time step whose code `code` is (now, or one step either side for clock drift).
fn matching_step(secret_hex: &str, email: &str, code: &str, now: OffsetDateTime) -> Option<i64> {
    let totp = totp(secret_hex, email)?;
    let code = code.trim().replace(' ', "");
    let step = now.unix_timestamp() / TOTP_STEP;
    [step, step - 1, step + 1].into_iter().find(|s| totp.generate((s * TOTP_STEP) as u64) == code)
}

/// Second-factor setup: a new secret, kept aside until a code from it is confirmed. Returns
/// the secret in base32 (to type into an authenticator app) and its `otpauth://` address.
pub async fn start_second_factor(state: &AppState, actor: &Actor) -> Result<(String, String), AppError> {
    actor.require(Action::OwnAccount)?;
    let Actor::User { id, email, .. } = actor else { return Err(AppError::Forbidden) };
    let secret: String = random_secret()?.chars().take(40).collect();
    let totp = totp(&secret, email).ok_or_else(|| AppError::Internal(anyhow::anyhow!("TOTP setup")))?;
    let mut work = Work::begin(state, actor, "accounts.start_second_factor").await?;
    store::update_user(&mut work, *id, UserChange::TotpPending(Some(&secret)), &stamp(state.clock.now())).await?;
    work.commit().await?;
    Ok((totp.get_secret_base32(), totp.get_url()))
}

/// Confirms the second factor being set up with a code from it.
pub async fn confirm_second_factor(state: &AppState, actor: &Actor, code: &str) -> Result<(), AppError> {
    actor.require(Action::OwnAccount)?;
    let Actor::User { id, email, .. } = actor else { return Err(AppError::Forbidden) };
    let mut conn = state.db.pool.acquire().await?;
    let user = store::user_by_id(&mut conn, *id).await?.ok_or(AppError::NotFound)?;
    drop(conn);
    let pending = user.totp_pending.ok_or(AppError::NotFound)?;
    if matching_step(&pending, email, code, state.clock.now()).is_none() {
        return Err(AppError::Validation(vec![FieldError::new("code", Problem::WrongCode)]));
    }
    let mut work = Work::begin(state, actor, "accounts.confirm_second_factor").await?;
    store::update_user(&mut work, *id, UserChange::Totp(Some(&pending)), &stamp(state.clock.now())).await?;
    work.commit().await
}

/// Turns one's second factor off, given the password; refused where it is compulsory.
pub async fn disable_second_factor(state: &AppState, actor: &Actor, password: &str) -> Result<(), AppError> {
    actor.require(Action::OwnAccount)?;
    let Actor::User { id, role, .. } = actor else { return Err(AppError::Forbidden) };
    if state.settings.require_2fa && *role >= Role::Editor {
        return Err(AppError::Forbidden);
    }
    let mut conn = state.db.pool.acquire().await?;
    let user = store::user_by_id(&mut conn, *id).await?.ok_or(AppError::NotFound)?;
    drop(conn);
    if !user.password_hash.as_deref().is_some_and(|h| verify_password(state, password, h)) {
        return Err(AppError::Validation(vec![FieldError::new("current", Problem::WrongPassword)]));
    }
    let mut work = Work::begin(state, actor, "accounts.disable_second_factor").await?;
    store::update_user(&mut work, *id, UserChange::Totp(None), &stamp(state.clock.now())).await?;
    work.commit().await
}

/// An administrator removes someone's second factor (a lost phone); they set it up again.
pub async fn reset_second_factor(state: &AppState, actor: &Actor, user: i64) -> Result<(), AppError> {
    actor.require(Action::ManageUsers)?;
    let mut work = Work::begin(state, actor, "accounts.reset_second_factor").await?;
    store::update_user(&mut work, user, UserChange::Totp(None), &stamp(state.clock.now())).await?;
    work.commit().await
}

/// Whether an account has a second factor.
pub async fn has_second_factor(state: &AppState, actor: &Actor) -> Result<bool, AppError> {
    let Actor::User { id, .. } = actor else { return Ok(false) };
    let mut conn = state.db.pool.acquire().await?;
    Ok(store::user_by_id(&mut conn, *id).await?.is_some_and(|u| u.totp_secret.is_some()))
}

/// A well-formed argon2id hash of a random password, verified against when the account does
/// not exist so that the answer takes as long.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Yk0dYy3bbq+3F0oXUPVZ6Bcx2AFBQSTRIWqzqyP+1mQ";

/// A live session: who, its form token, and whether the account must still set up the second
/// factor the server requires (it may then reach only its own account page).
pub struct Session {
    pub actor: Actor,
    pub csrf: String,
    pub must_enroll: bool,
}

/// The party behind a session cookie; None when the session does not exist, has expired
/// (idle or absolute), or its user is disabled.
pub async fn session(state: &AppState, id: &str) -> Result<Option<Session>, AppError> {
    if id.len() != 64 {
        return Ok(None);
    }
    let hash = secret_hash(id);
    let now = state.clock.now();
    let mut conn = state.db.pool.acquire().await?;
    let Some(row) = store::session(&mut conn, &hash).await? else { return Ok(None) };
    let expired = |at: &str, limit: Duration| parse_stamp(at).is_none_or(|t| now - t >= limit);
    if row.user.disabled || expired(&row.created_at, ABSOLUTE) || expired(&row.last_seen, IDLE) {
        store::delete_session(&mut conn, &hash).await?;
        return Ok(None);
    }
    // Written at most once a minute per session, not on every request.
    if parse_stamp(&row.last_seen).is_none_or(|t| now - t >= Duration::minutes(1)) {
        store::touch_session(&mut conn, &hash, &stamp(now)).await?;
    }
    let role = role_of(&row.user);
    let must_enroll = state.settings.require_2fa && role >= Role::Editor && row.user.totp_secret.is_none();
    let actor = Actor::User { id: row.user.id, email: row.user.email.clone(), role };
    Ok(Some(Session { actor, csrf: row.csrf, must_enroll }))
}

pub async fn sign_out(state: &AppState, id: &str) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    store::delete_session(&mut conn, &secret_hash(id)).await?;
    Ok(())
}

// ---- API tokens -------------------------------------------------------------------------------------

/// Creates an API token and returns it: it is shown this once, only its hash is kept.
pub async fn create_token(
    state: &AppState,
    actor: &Actor,
    name: &str,
    role: Role,
    expires_days: Option<i64>,
) -> Result<(i64, String), AppError> {
    actor.require(Action::ManageUsers)?;
    let name = crate::domain::values::short_text(Some(name), crate::domain::limits::SHORT_TEXT)
        .and_then(|n| n.ok_or(Problem::Required))
        .map_err(|p| AppError::Validation(vec![FieldError::new("name", p)]))?;
    let name = name.as_str();
    let secret = format!("mlg_{}", random_secret()?);
    let now = state.clock.now();
    let expires = expires_days.map(|d| stamp(now + Duration::days(d)));
    let mut work = Work::begin(state, actor, "accounts.create_token").await?;
    let id = store::create_token(
        &mut work,
        &NewToken {
            name,
            role: role.code(),
            token_hash: &secret_hash(&secret),
            created_by: &actor.audit_name(),
            expires_at: expires.as_deref(),
        },
        &stamp(now),
    )
    .await?;
    work.commit().await?;
    Ok((id, secret))
}

pub async fn tokens(state: &AppState, actor: &Actor) -> Result<Vec<store::Token>, AppError> {
    actor.require(Action::ManageUsers)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(store::tokens(&mut conn).await?)
}

pub async fn revoke_token(state: &AppState, actor: &Actor, id: i64) -> Result<(), AppError> {
    actor.require(Action::ManageUsers)?;
    let mut work = Work::begin(state, actor, "accounts.revoke_token").await?;
    store::revoke_token(&mut work, id, &stamp(state.clock.now())).await?;
    work.commit().await
}

/// The party behind a bearer token; None when unknown, revoked or expired.
pub async fn token(state: &AppState, secret: &str) -> Result<Option<Actor>, AppError> {
    if secret.len() > 100 {
        return Ok(None);
    }
    let mut conn = state.db.pool.acquire().await?;
    let Some(t) = store::token_by_hash(&mut conn, &secret_hash(secret)).await? else { return Ok(None) };
    let now = state.clock.now();
    if t.revoked_at.is_some() || t.expires_at.as_deref().and_then(parse_stamp).is_some_and(|e| e <= now) {
        return Ok(None);
    }
    Ok(Some(Actor::Token { id: t.id, name: t.name, role: Role::parse(&t.role).unwrap_or(Role::Viewer) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> OffsetDateTime {
        OffsetDateTime::UNIX_EPOCH + Duration::seconds(s)
    }

    #[test]
    fn the_first_three_failures_cost_nothing_then_the_wait_doubles() {
        assert_eq!(wait_for(&[at(0), at(1), at(2)], at(2), 1), None);
        assert_eq!(wait_for(&[at(0), at(1), at(2), at(3)], at(3), 1), Some(Duration::seconds(1)));
        let five: Vec<_> = (0..5).map(|i| at(i * 100)).collect();
        assert_eq!(wait_for(&five, at(400), 1), Some(Duration::seconds(2)));
        assert_eq!(wait_for(&five, at(402), 1), None);
        // Per client address the thresholds are five times higher.
        assert_eq!(wait_for(&five, at(400), 5), None);
    }

    #[test]
    fn nine_failures_in_a_minute_close_the_rest_of_that_minute() {
        let nine: Vec<_> = (0..9).map(|i| at(i * 5)).collect();
        assert_eq!(wait_for(&nine, at(50), 1), Some(Duration::seconds(22)));
        assert_eq!(wait_for(&nine, at(40 + 32), 1), None, "after the doubling wait and the minute");
        // Nine quick failures spread over a shorter doubling: the minute still holds.
        let quick: Vec<_> = (0..9).map(at).collect();
        assert!(wait_for(&quick, at(59), 1).is_some());
    }

    #[test]
    fn passwords_shorter_than_twelve_characters_are_refused() {
        assert!(check_password("elevenchars").is_err());
        assert!(check_password("twelve chars").is_ok());
    }
}
