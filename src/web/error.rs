//! The one application error. Handlers return it with `?`; `render_errors` (a middleware on
//! every route) turns it into JSON for `/api` and an HTML page elsewhere, in the user's language.

use crate::csvio::{ImportError, ImportFailure};
use crate::domain::problem::{FieldError, messages};
use crate::i18n::Lang;
use crate::store::StoreError;
use axum::Json;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    #[error("invalid file")]
    Import(Vec<ImportError>),
    #[error("conflict: {en}")]
    Conflict { field: &'static str, fr: String, en: String },
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A feature this server cannot provide (e.g. PNG without Graphviz), said plainly.
    #[error("unavailable: {en}")]
    Unavailable { fr: String, en: String },
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict { field, fr, en } => AppError::Conflict { field, fr, en },
            StoreError::Db(e) => AppError::Internal(e.into()),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::Internal(e)
    }
}

impl From<ImportFailure> for AppError {
    fn from(e: ImportFailure) -> Self {
        match e {
            ImportFailure::Invalid(errors) => AppError::Import(errors),
            ImportFailure::Store(e) => e.into(),
        }
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Validation(_) | AppError::Import(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unavailable { .. } => StatusCode::NOT_IMPLEMENTED,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// One sentence for the person, never internal details.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::NotFound => lang.tr().not_found.to_owned(),
            AppError::Validation(_) => lang.tr().invalid_input.to_owned(),
            AppError::Import(_) => lang.tr().import_failed.to_owned(),
            AppError::Conflict { fr, en, .. } => lang.pick(fr, en).to_owned(),
            AppError::BadRequest(m) => m.clone(),
            AppError::Unavailable { fr, en } => lang.pick(fr, en).to_owned(),
            AppError::Internal(_) => lang
                .pick(
                    "Erreur interne ; elle a été consignée dans le journal du serveur.",
                    "Internal error; it was recorded in the server log.",
                )
                .to_owned(),
        }
    }

    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let code = match self {
            AppError::NotFound => "not_found",
            AppError::Validation(_) | AppError::Import(_) => "validation",
            AppError::Conflict { .. } => "conflict",
            AppError::BadRequest(_) => "bad_request",
            AppError::Unavailable { .. } => "unavailable",
            AppError::Internal(_) => "internal",
        };
        let mut body = json!({ "error": code, "message": self.message(lang) });
        match self {
            AppError::Validation(errors) => body["errors"] = json!(messages(errors, lang)),
            AppError::Conflict { field, .. } => {
                body["errors"] = json!([{ "field": field, "message": self.message(lang) }])
            }
            AppError::Import(errors) => {
                body["errors"] = errors
                    .iter()
                    .map(|e| json!({ "line": e.line, "column": e.column, "message": e.message(lang) }))
                    .collect()
            }
            _ => {}
        }
        body
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(e) = &self {
            tracing::error!(error = ?e, "request failed");
        }
        let mut response = (self.status(), Json(self.to_json(Lang::En))).into_response();
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}

/// Re-renders an `AppError` response in the requester's language, as JSON under `/api` and
/// as an HTML page elsewhere.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let lang = super::lang::from_headers(request.headers());
    let api = request.uri().path().starts_with("/api");
    let response = next.run(request).await;
    let Some(error) = response.extensions().get::<Arc<AppError>>().cloned() else {
        return response;
    };
    if api {
        (error.status(), Json(error.to_json(lang))).into_response()
    } else {
        (error.status(), super::pages::ErrorPage::new(lang, error.status(), error.message(lang))).into_response()
    }
}
