//! Sign-in, sign-out, one's own account, the one-time links (set a password, first admin),
//! and the administrators' page of accounts and API tokens.

use super::{FormErrors, Page};
use crate::app::accounts::{self, LinkPurpose, SignIn};
use crate::app::{Action, Actor, AppError, AppState, Role};
use crate::i18n::Lang;
use crate::web::routes::{Kind, Route};
use crate::web::security::{ClientAddress, SESSION_COOKIE, local_path};
use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use axum_extra::extract::Form;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;

pub fn routes() -> Vec<Route> {
    use Action::*;
    vec![
        Route::new(Method::GET, "/login", Public, Kind::Page, get(login_form)),
        Route::new(Method::POST, "/login", Public, Kind::Page, post(login)),
        Route::new(Method::POST, "/login/code", Public, Kind::Page, post(login_code)),
        Route::new(Method::GET, "/forgot", Public, Kind::Page, get(forgot_form)),
        Route::new(Method::POST, "/forgot", Public, Kind::Page, post(forgot)),
        Route::new(Method::POST, "/logout", OwnAccount, Kind::Page, post(logout)),
        Route::new(Method::GET, "/account", OwnAccount, Kind::Page, get(account)),
        Route::new(Method::POST, "/account/password", OwnAccount, Kind::Page, post(change_password)),
        Route::new(Method::POST, "/account/2fa/start", OwnAccount, Kind::Page, post(start_second_factor)),
        Route::new(Method::POST, "/account/2fa/confirm", OwnAccount, Kind::Page, post(confirm_second_factor)),
        Route::new(Method::POST, "/account/2fa/off", OwnAccount, Kind::Page, post(disable_second_factor)),
        Route::new(Method::GET, "/welcome/{token}", Public, Kind::Page, get(welcome_form)),
        Route::new(Method::POST, "/welcome/{token}", Public, Kind::Page, post(welcome)),
        Route::new(Method::GET, "/admin/users", ManageUsers, Kind::Page, get(users)),
        Route::new(Method::POST, "/admin/users", ManageUsers, Kind::Page, post(add_user)),
        Route::new(Method::POST, "/admin/users/{id}", ManageUsers, Kind::Page, post(change_user)),
        Route::new(Method::POST, "/admin/tokens", ManageUsers, Kind::Page, post(create_token)),
        Route::new(Method::POST, "/admin/tokens/{id}/revoke", ManageUsers, Kind::Page, post(revoke_token)),
    ]
}

fn secure(state: &AppState) -> bool {
    state.settings.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
}

fn session_cookie(state: &AppState, value: String) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure(state))
        .build()
}

// ---- sign-in --------------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "account/login.html")]
struct LoginPage {
    page: Page,
    email: String,
    next: String,
    errors: FormErrors,
    general: String,
    /// Set when the password was right and the second factor's code is asked for.
    ticket: String,
    /// An SMTP relay is configured: "forgot my password" sends a link.
    can_reset: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NextQuery {
    next: Option<String>,
}

async fn login_form(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    actor: Actor,
    Query(q): Query<NextQuery>,
) -> Response {
    let next = local_path(q.next.as_deref());
    if actor.role().is_some() {
        return Redirect::to(&next).into_response();
    }
    LoginPage {
        page: Page::new(lang, lang.tr().sign_in_title, &uri),
        email: String::new(),
        next,
        errors: FormErrors::default(),
        general: String::new(),
        ticket: String::new(),
        can_reset: state.mailer.is_some(),
    }
    .into_response()
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

async fn login(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Extension(ClientAddress(client)): Extension<ClientAddress>,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let next = local_path(form.next.as_deref());
    let result = accounts::sign_in(&state, &form.email, &form.password, &client).await;
    let page = LoginPage {
        page: Page::new(lang, lang.tr().sign_in_title, &uri),
        email: form.email,
        next: next.clone(),
        errors: FormErrors::default(),
        general: String::new(),
        ticket: String::new(),
        can_reset: state.mailer.is_some(),
    };
    match result {
        Ok(SignIn::Session(session)) => Ok(signed_in(&state, jar, session, &next)),
        Ok(SignIn::Code { ticket }) => Ok(LoginPage { ticket, ..page }.into_response()),
        Err(e) => refused(lang, page, e),
    }
}

/// The cookie of a new session, and on to where the person was going.
fn signed_in(state: &AppState, jar: CookieJar, session: accounts::NewSession, next: &str) -> Response {
    (jar.add(session_cookie(state, session.id)), Redirect::to(next)).into_response()
}

/// The sign-in page again, saying why.
fn refused(lang: Lang, page: LoginPage, e: AppError) -> Result<Response, AppError> {
    match e {
        AppError::Validation(errors) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, LoginPage { errors: FormErrors::new(&errors, lang), ..page })
                .into_response())
        }
        e @ AppError::TooManyAttempts { .. } => {
            Ok((StatusCode::TOO_MANY_REQUESTS, LoginPage { general: e.message(lang), ..page }).into_response())
        }
        e => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CodeForm {
    ticket: String,
    code: String,
    next: Option<String>,
}

async fn login_code(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Extension(ClientAddress(client)): Extension<ClientAddress>,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let next = local_path(form.next.as_deref());
    let result = accounts::sign_in_code(&state, &form.ticket, &form.code, &client).await;
    let page = LoginPage {
        page: Page::new(lang, lang.tr().sign_in_title, &uri),
        email: String::new(),
        next: next.clone(),
        errors: FormErrors::default(),
        general: String::new(),
        ticket: form.ticket,
        can_reset: state.mailer.is_some(),
    };
    match result {
        Ok(session) => Ok(signed_in(&state, jar, session, &next)),
        Err(e) => refused(lang, page, e),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "account/forgot.html")]
struct ForgotPage {
    page: Page,
    sent: bool,
    general: String,
}

/// Only where a relay can send the link; elsewhere an administrator issues it.
async fn forgot_form(State(state): State<AppState>, lang: Lang, uri: Uri) -> Result<ForgotPage, AppError> {
    if state.mailer.is_none() {
        return Err(AppError::NotFound);
    }
    Ok(ForgotPage { page: Page::new(lang, lang.tr().forgot_title, &uri), sent: false, general: String::new() })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ForgotForm {
    email: String,
}

async fn forgot(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    Extension(ClientAddress(client)): Extension<ClientAddress>,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    let base = super::link_base(&state, &headers);
    let page = ForgotPage { page: Page::new(lang, lang.tr().forgot_title, &uri), sent: false, general: String::new() };
    match accounts::forgot_password(&state, &form.email, &client, &base, lang).await {
        Ok(()) => Ok(ForgotPage { sent: true, ..page }.into_response()),
        Err(e @ AppError::TooManyAttempts { .. }) => {
            Ok((StatusCode::TOO_MANY_REQUESTS, ForgotPage { general: e.message(lang), ..page }).into_response())
        }
        Err(e) => Err(e),
    }
}

async fn logout(State(state): State<AppState>, jar: CookieJar) -> Result<Response, AppError> {
    if let Some(c) = jar.get(SESSION_COOKIE) {
        accounts::sign_out(&state, c.value()).await?;
    }
    let gone = Cookie::build((SESSION_COOKIE, "")).path("/").build();
    Ok((jar.remove(gone), Redirect::to("/login?signed_out=1")).into_response())
}

// ---- own account ---------------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "account/account.html")]
struct AccountPage {
    page: Page,
    role: String,
    errors: FormErrors,
    done: bool,
    /// The account has a second factor.
    second_factor: bool,
    /// The server requires one of this account and it has none yet.
    enroll: bool,
    /// While setting one up: the secret to type (base32) and its otpauth address.
    setup: Option<(String, String)>,
}

impl AccountPage {
    async fn new(state: &AppState, actor: &Actor, lang: Lang, uri: &Uri) -> Result<AccountPage, AppError> {
        let second_factor = accounts::has_second_factor(state, actor).await?;
        let required = state.settings.require_2fa && actor.role().is_some_and(|r| r >= Role::Editor);
        Ok(AccountPage {
            page: Page::new(lang, lang.tr().account_title, uri),
            role: role_label(lang, actor.role()),
            errors: FormErrors::default(),
            done: false,
            second_factor,
            enroll: required && !second_factor,
            setup: None,
        })
    }
}

fn role_label(lang: Lang, role: Option<Role>) -> String {
    let t = lang.tr();
    match role {
        Some(Role::Admin) => t.role_admin,
        Some(Role::Editor) => t.role_editor,
        _ => t.role_viewer,
    }
    .to_owned()
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DoneQuery {
    done: Option<String>,
}

async fn account(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    actor: Actor,
    Query(q): Query<DoneQuery>,
) -> Result<AccountPage, AppError> {
    Ok(AccountPage { done: q.done.is_some(), ..AccountPage::new(&state, &actor, lang, &uri).await? })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PasswordForm {
    current: String,
    password: String,
}

async fn change_password(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    actor: Actor,
    jar: CookieJar,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let session = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()).unwrap_or_default();
    match accounts::change_password(&state, &actor, &session, &form.current, &form.password).await {
        Ok(()) => Ok(Redirect::to("/account?done=1").into_response()),
        Err(AppError::Validation(errors)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            AccountPage {
                errors: FormErrors::new(&errors, lang),
                ..AccountPage::new(&state, &actor, lang, &uri).await?
            },
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

async fn start_second_factor(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    actor: Actor,
) -> Result<AccountPage, AppError> {
    let setup = accounts::start_second_factor(&state, &actor).await?;
    Ok(AccountPage { setup: Some(setup), ..AccountPage::new(&state, &actor, lang, &uri).await? })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SecondFactorForm {
    code: String,
    current: String,
}

async fn confirm_second_factor(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    actor: Actor,
    Form(form): Form<SecondFactorForm>,
) -> Result<Response, AppError> {
    match accounts::confirm_second_factor(&state, &actor, &form.code).await {
        Ok(()) => Ok(Redirect::to("/account?done=1").into_response()),
        Err(AppError::Validation(errors)) => {
            // A wrong code: a new secret to try again with, the old one forgotten.
            let setup = accounts::start_second_factor(&state, &actor).await?;
            let page = AccountPage {
                errors: FormErrors::new(&errors, lang),
                setup: Some(setup),
                ..AccountPage::new(&state, &actor, lang, &uri).await?
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

async fn disable_second_factor(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    actor: Actor,
    Form(form): Form<SecondFactorForm>,
) -> Result<Response, AppError> {
    match accounts::disable_second_factor(&state, &actor, &form.current).await {
        Ok(()) => Ok(Redirect::to("/account?done=1").into_response()),
        Err(AppError::Validation(errors)) => {
            let page = AccountPage {
                errors: FormErrors::new(&errors, lang),
                ..AccountPage::new(&state, &actor, lang, &uri).await?
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

// ---- one-time links ----------------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "account/welcome.html")]
struct WelcomePage {
    page: Page,
    token: String,
    /// None: the link opens nothing.
    first_admin: Option<bool>,
    email: String,
    errors: FormErrors,
}

async fn welcome_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    token: &str,
    email: Option<String>,
    errors: FormErrors,
) -> Result<WelcomePage, AppError> {
    let purpose = accounts::peek_link(state, token).await?;
    let (first_admin, known) = match purpose {
        Some(LinkPurpose::FirstAdmin) => (Some(true), String::new()),
        Some(LinkPurpose::SetPassword { email }) => (Some(false), email),
        None => (None, String::new()),
    };
    Ok(WelcomePage {
        page: Page::new(lang, lang.tr().welcome_title, uri),
        token: token.to_owned(),
        first_admin,
        email: email.unwrap_or(known),
        errors,
    })
}

async fn welcome_form(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let page = welcome_page(&state, lang, &uri, &token, None, FormErrors::default()).await?;
    let status = if page.first_admin.is_some() { StatusCode::OK } else { StatusCode::NOT_FOUND };
    Ok((status, page).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WelcomeForm {
    email: Option<String>,
    password: String,
}

async fn welcome(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Path(token): Path<String>,
    Form(form): Form<WelcomeForm>,
) -> Result<Response, AppError> {
    match accounts::use_link(&state, &token, form.email.as_deref(), &form.password).await {
        Ok(_) => Ok(Redirect::to("/login").into_response()),
        Err(AppError::Validation(errors)) => {
            let page = welcome_page(&state, lang, &uri, &token, form.email, FormErrors::new(&errors, lang)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(AppError::NotFound) => {
            let page = welcome_page(&state, lang, &uri, &token, None, FormErrors::default()).await?;
            Ok((StatusCode::NOT_FOUND, page).into_response())
        }
        Err(e) => Err(e),
    }
}

// ---- administrators --------------------------------------------------------------------------------

struct UserRow {
    id: i64,
    email: String,
    role: String,
    /// The role in words.
    role_label: String,
    disabled: bool,
    created_at: String,
}

struct TokenRow {
    id: i64,
    name: String,
    role: String,
    created_at: String,
    expires_at: String,
    revoked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/users.html")]
struct UsersPage {
    page: Page,
    users: Vec<UserRow>,
    tokens: Vec<TokenRow>,
    roles: Vec<(String, String)>,
    /// A link or token to show once.
    secret: String,
    secret_intro: String,
    errors: FormErrors,
}

async fn users_page(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
    uri: &Uri,
    secret: Option<(String, String)>,
    errors: FormErrors,
) -> Result<UsersPage, AppError> {
    let users = accounts::users(state, actor).await?;
    let tokens = accounts::tokens(state, actor).await?;
    let (secret_intro, secret) = secret.unwrap_or_default();
    Ok(UsersPage {
        page: Page::new(lang, lang.tr().users_title, uri),
        users: users
            .into_iter()
            .map(|u| UserRow {
                id: u.id,
                email: u.email,
                role_label: role_label(lang, Role::parse(&u.role)),
                role: u.role,
                disabled: u.disabled,
                created_at: crate::i18n::when(&u.created_at, lang),
            })
            .collect(),
        tokens: tokens
            .into_iter()
            .map(|t| TokenRow {
                id: t.id,
                name: t.name,
                role: role_label(lang, Role::parse(&t.role)),
                created_at: crate::i18n::when(&t.created_at, lang),
                expires_at: t.expires_at.map(|e| crate::i18n::when(&e, lang)).unwrap_or_default(),
                revoked: t.revoked_at.is_some(),
            })
            .collect(),
        roles: Role::ALL.iter().map(|r| (r.code().to_owned(), role_label(lang, Some(*r)))).collect(),
        secret,
        secret_intro,
        errors,
    })
}

async fn users(State(state): State<AppState>, actor: Actor, lang: Lang, uri: Uri) -> Result<UsersPage, AppError> {
    users_page(&state, &actor, lang, &uri, None, FormErrors::default()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AddUserForm {
    email: String,
    role: String,
}

async fn add_user(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<AddUserForm>,
) -> Result<Response, AppError> {
    let role = Role::parse(&form.role).unwrap_or(Role::Viewer);
    match accounts::add_user(&state, &actor, &form.email, role, None).await {
        Ok(added) => {
            let link = format!("{}/welcome/{}", super::link_base(&state, &headers), added.link.unwrap_or_default());
            let secret = Some((lang.tr().one_time_link.to_owned(), link));
            Ok(users_page(&state, &actor, lang, &uri, secret, FormErrors::default()).await?.into_response())
        }
        Err(AppError::Validation(errors)) => {
            let page = users_page(&state, &actor, lang, &uri, None, FormErrors::new(&errors, lang)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(AppError::Conflict { field, message }) => {
            let errors = FormErrors::conflict(field, crate::i18n::say(lang, &message));
            let page = users_page(&state, &actor, lang, &uri, None, errors).await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ChangeUserForm {
    /// `disable`, `enable`, `reset` or `role`.
    change: String,
    role: String,
}

async fn change_user(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<ChangeUserForm>,
) -> Result<Response, AppError> {
    match form.change.as_str() {
        "disable" => accounts::set_disabled(&state, &actor, id, true).await?,
        "enable" => accounts::set_disabled(&state, &actor, id, false).await?,
        "role" => {
            let role = Role::parse(&form.role).ok_or_else(|| AppError::BadRequest("unknown role".into()))?;
            accounts::set_role(&state, &actor, id, role).await?
        }
        "reset" => {
            let token = accounts::reset_link(&state, &actor, id).await?;
            let link = format!("{}/welcome/{token}", super::link_base(&state, &headers));
            let secret = Some((lang.tr().one_time_link.to_owned(), link));
            return Ok(users_page(&state, &actor, lang, &uri, secret, FormErrors::default()).await?.into_response());
        }
        other => return Err(AppError::BadRequest(format!("unknown change {other:?}"))),
    }
    Ok(Redirect::to("/admin/users").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TokenForm {
    name: String,
    role: String,
    expires: String,
}

async fn create_token(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Form(form): Form<TokenForm>,
) -> Result<Response, AppError> {
    let role = Role::parse(&form.role).unwrap_or(Role::Viewer);
    let expires = form.expires.trim().parse::<i64>().ok().filter(|d| *d > 0);
    match accounts::create_token(&state, &actor, &form.name, role, expires).await {
        Ok((_, secret)) => {
            let secret = Some((lang.tr().token_created.to_owned(), secret));
            Ok(users_page(&state, &actor, lang, &uri, secret, FormErrors::default()).await?.into_response())
        }
        Err(AppError::Validation(errors)) => {
            let page = users_page(&state, &actor, lang, &uri, None, FormErrors::new(&errors, lang)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

async fn revoke_token(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Redirect, AppError> {
    accounts::revoke_token(&state, &actor, id).await?;
    Ok(Redirect::to("/admin/users"))
}
