//! Extractors whose rejections are `AppError`s, so that a bad id or body gets the same
//! JSON or HTML error as everything else.

use super::error::AppError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// A numeric id in the path; anything else is a 404, as an unknown id is.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound)?;
        raw.parse().map(Id).map_err(|_| AppError::NotFound)
    }
}

/// A JSON body; malformed JSON is a 400 and a body of the wrong shape a 422, both explained.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = super::lang::from_headers(req.headers());
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::JsonDataError(e)) => {
                Err(AppError::Validation(vec![crate::domain::problem::FieldError::new(
                    "body",
                    crate::domain::problem::Problem::Unreadable { detail: e.body_text() },
                )]))
            }
            Err(e) => Err(AppError::BadRequest(crate::i18n::tr!(lang, "error-json-body", detail = e.body_text()))),
        }
    }
}
