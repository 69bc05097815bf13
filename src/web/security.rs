//! What every request passes through, whatever its route: the `Host` check (DNS
//! rebinding), the actor behind a session cookie or an API token, the cross-site check of
//! unsafe methods (Origin / Sec-Fetch-Site, and the session's form token), the security
//! headers of every response. Routes only declare the action they need (`web::routes`).

use crate::app::Actor;
use crate::app::{AppError, AppState, accounts};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use subtle::ConstantTimeEq;

pub const SESSION_COOKIE: &str = "maillage_session";
/// The form field, query parameter or header carrying the session's form token.
pub const CSRF_FIELD: &str = "_csrf";
const CSRF_HEADER: &str = "x-csrf-token";
use crate::domain::limits::FORM_BYTES as MAX_FORM;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn public_host(state: &AppState) -> Option<&str> {
    state.settings.public_url.as_deref().and_then(|u| u.split_once("://")).map(|(_, h)| h)
}

/// A loopback host name, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, p)| if p.chars().all(|c| c.is_ascii_digit()) { h } else { host })
    };
    name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "::1"
}

/// Whether `host` (a Host header) is one this server answers to: the public URL's host,
/// or a loopback name (the server refuses to listen elsewhere without a public URL).
pub fn host_allowed(state: &AppState, host: &str) -> bool {
    public_host(state).is_some_and(|h| h.eq_ignore_ascii_case(host)) || is_loopback_host(host)
}

/// Whether an `Origin` header is this very server.
fn same_origin(state: &AppState, origin: &str, host: &str) -> bool {
    if state.settings.public_url.as_deref().is_some_and(|p| origin.eq_ignore_ascii_case(p)) {
        return true;
    }
    let Some((_, origin_host)) = origin.split_once("://") else { return false };
    origin_host.eq_ignore_ascii_case(host) && is_loopback_host(origin_host)
}

/// The client's address: the socket's, or the trusted proxy's `X-Forwarded-For`.
pub fn client_address(state: &AppState, headers: &HeaderMap, peer: Option<std::net::SocketAddr>) -> String {
    let peer_ip = peer.map(|p| p.ip());
    match (state.settings.trusted_proxy, peer_ip) {
        (Some(proxy), Some(ip)) if proxy == ip => headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| ip.to_string()),
        (_, Some(ip)) => ip.to_string(),
        (_, None) => "unknown".into(),
    }
}

/// The client's address as the guard read it (for sign-in throttling).
#[derive(Clone, Debug)]
pub struct ClientAddress(pub String);

/// The signed-in account must set up its second factor before anything else.
#[derive(Clone, Copy, Debug)]
pub struct MustEnroll;

/// The session's form token, for pages to put in their forms.
#[derive(Clone, Debug, Default)]
pub struct FormToken(pub String);

tokio::task_local! {
    /// The request's form token and signed-in party, for page layouts.
    pub static CONTEXT: (FormToken, Actor);
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The one guard in front of every route.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match check(&state, request, next).await {
        Ok(response) => response,
        Err(Refusal::Host) => (axum::http::StatusCode::MISDIRECTED_REQUEST, "unknown host\n").into_response(),
        Err(Refusal::App(e)) => e.into_response(),
    }
}

/// The security headers of every response, errors included.
pub async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api");
    let mut response = next.run(request).await;
    let https = state.settings.public_url.as_deref().is_some_and(|u| u.starts_with("https://"));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if https {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    // Pages and API answers may carry personal data: never kept by a browser or proxy.
    if !headers.contains_key(header::CACHE_CONTROL) || api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

enum Refusal {
    Host,
    App(AppError),
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        Refusal::App(e)
    }
}

async fn check(state: &AppState, mut request: Request, next: Next) -> Result<Response, Refusal> {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("").to_owned();
    if !host_allowed(state, &host) {
        return Err(Refusal::Host);
    }
    let method = request.method().clone();
    if is_unsafe(&method) {
        let headers = request.headers();
        // With `Referrer-Policy: no-referrer` browsers send `Origin: null` on their own form
        // posts; Sec-Fetch-Site (below) and the form token then decide.
        let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()).filter(|o| *o != "null");
        if origin.is_some_and(|o| !same_origin(state, o, &host)) {
            return Err(AppError::CrossSite.into());
        }
        let site = headers.get("sec-fetch-site").and_then(|o| o.to_str().ok());
        if site.is_some_and(|s| !matches!(s, "same-origin" | "none")) {
            return Err(AppError::CrossSite.into());
        }
    }
    // Survey pages are account-free: their token is in the path, and no session applies.
    let survey = request.uri().path().starts_with("/s/");
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .map(str::to_owned);
    let session = CookieJar::from_headers(request.headers()).get(SESSION_COOKIE).map(|c| c.value().to_owned());
    let (actor, csrf, must_enroll) = match (survey, bearer, session) {
        (true, _, _) => (Actor::Anonymous, None, false),
        (false, Some(secret), _) => match accounts::token(state, &secret).await? {
            Some(actor) => (actor, None, false),
            None => return Err(AppError::Unauthenticated.into()),
        },
        (false, None, Some(id)) => match accounts::session(state, &id).await? {
            Some(s) => (s.actor, Some(s.csrf), s.must_enroll),
            None => (Actor::Anonymous, None, false),
        },
        (false, None, None) => (Actor::Anonymous, None, false),
    };
    if let (Some(expected), true) = (&csrf, is_unsafe(&method)) {
        let (given, rebuilt) = form_token(request).await?;
        request = rebuilt;
        if !given.is_some_and(|g| bool::from(g.as_bytes().ct_eq(expected.as_bytes()))) {
            return Err(AppError::CrossSite.into());
        }
    }
    let peer = request.extensions().get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0);
    let client = ClientAddress(client_address(state, request.headers(), peer));
    request.extensions_mut().insert(client);
    request.extensions_mut().insert(actor.clone());
    if must_enroll {
        request.extensions_mut().insert(MustEnroll);
    }
    let context = (FormToken(csrf.unwrap_or_default()), actor);
    Ok(CONTEXT.scope(context, next.run(request)).await)
}

/// The form token sent with a request: header, query parameter, or field of a URL-encoded
/// form (read, then put back for the handler).
async fn form_token(request: Request) -> Result<(Option<String>, Request), AppError> {
    let from_header = request.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let from_query = request.uri().query().and_then(|q| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(q)
            .ok()?
            .into_iter()
            .find_map(|(k, v)| (k == CSRF_FIELD).then_some(v))
    });
    if let Some(token) = from_header.or(from_query) {
        return Ok((Some(token), request));
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((None, request));
    }
    let (parts, body) = request.into_parts();
    let bytes =
        axum::body::to_bytes(body, MAX_FORM).await.map_err(|_| AppError::BadRequest("form too large".into()))?;
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|pairs| pairs.into_iter().find_map(|(k, v)| (k == CSRF_FIELD).then_some(v)));
    Ok((token, Request::from_parts(parts, Body::from(bytes))))
}

/// A `next=` target that stays on this site: a local absolute path, never `//host`,
/// `/\host` or a scheme.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.contains(['\\', '\r', '\n', '\t'])
                && !n.chars().any(char::is_control) =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_never_leave_the_site() {
        for bad in ["//evil.example", "/\\evil.example", "https://evil.example", "/%5Cevil", "/\\/evil", "evil", ""] {
            let got = local_path(Some(bad));
            assert!(
                got == "/" || (got.starts_with('/') && !got.starts_with("//") && !got.contains('\\')),
                "{bad} → {got}"
            );
        }
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(Some("/stakeholders?q=a")), "/stakeholders?q=a");
    }

    #[test]
    fn loopback_hosts_are_recognised_with_or_without_port() {
        for ok in ["localhost", "localhost:8080", "127.0.0.1:3000", "[::1]:8080", "LOCALHOST"] {
            assert!(is_loopback_host(ok), "{ok}");
        }
        for bad in ["evil.example", "127.0.0.1.evil.example", "localhost.evil:80", ""] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
    }
}
