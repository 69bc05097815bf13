//! The user's language: a `lang` cookie set by the switch, else `Accept-Language`, else French.

use crate::i18n::Lang;
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;
use std::convert::Infallible;

/// The language chosen with the switch (the `lang` cookie), if any.
fn chosen(headers: &HeaderMap) -> Option<Lang> {
    CookieJar::from_headers(headers).get("lang").and_then(|c| Lang::parse(c.value()))
}

pub fn from_headers(headers: &HeaderMap) -> Lang {
    chosen(headers)
        .or_else(|| {
            headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

/// The language the person chose with the switch (the `lang` cookie), if any: a respondent's
/// page is otherwise in its invitation's language.
pub struct Chosen(pub Option<Lang>);

impl<S: Send + Sync> FromRequestParts<S> for Chosen {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Chosen(chosen(&parts.headers)))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(from_headers(&parts.headers))
    }
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// `GET /lang/{code}?next=/path` (`fr`, `de`, `uk`, …): remembers the choice for a year and goes back.
pub async fn switch(Path(code): Path<String>, Query(q): Query<Next>, jar: CookieJar) -> impl IntoResponse {
    let lang = Lang::parse(&code).unwrap_or_default();
    let cookie = Cookie::build(("lang", lang.code()))
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(true)
        .max_age(time::Duration::days(365))
        .build();
    // Only local paths: never redirect to another site.
    let next = super::security::local_path(q.next.as_deref());
    (jar.add(cookie), Redirect::to(&next))
}
