//! Who is asking: the actor behind a request (session cookie, API token, or nobody), put in
//! the request's extensions by the guard in `web::security` and read by handlers.

use crate::app::Actor;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::convert::Infallible;

impl<S: Send + Sync> FromRequestParts<S> for Actor {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Actor>().cloned().unwrap_or(Actor::Anonymous))
    }
}
